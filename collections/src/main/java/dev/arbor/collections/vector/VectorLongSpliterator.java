package dev.arbor.collections.vector;

import java.util.Spliterator;
import java.util.function.LongConsumer;

/**
 * {@link PersistentVector#longStream()}.
 *
 * @param <E> the vector's element type ({@code Long}: its codec is {@link dev.arbor.collections.codec.Codec#LONG})
 */
final class VectorLongSpliterator<E> extends LeafRange<E> implements Spliterator.OfLong {
    VectorLongSpliterator(PersistentVector<E> vector, int from, int to) {
        super(vector, from, to);
    }

    @Override
    public boolean tryAdvance(LongConsumer action) {
        vector.trie.checkLive(PersistentVector.WHAT);
        if (next >= end) {
            return false;
        }
        int k = slot(next++);
        action.accept(vector.trie.word(leaf.obj, leaf.addr, k));
        return true;
    }

    @Override
    public void forEachRemaining(LongConsumer action) {
        vector.trie.checkLive(PersistentVector.WHAT);
        while (next < end) {
            // A leaf at a time: its words read in a loop of their own.
            int k = slot(next);
            int count = Math.min(VectorTrie.WIDTH - k, end - next);
            Object n = leaf.obj;
            long a = leaf.addr;
            next += count;
            for (int j = k; j < k + count; j++) {
                action.accept(vector.trie.word(n, a, j));
                // The action may have reset the allocator of a native vector: never read on after that.
                vector.trie.checkLive(PersistentVector.WHAT);
            }
        }
    }

    @Override
    public Spliterator.OfLong trySplit() {
        PersistentVector<E> v = vector;
        return splitOff((from, to) -> new VectorLongSpliterator<>(v, from, to));
    }
}
