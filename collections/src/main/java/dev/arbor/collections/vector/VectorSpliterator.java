package dev.arbor.collections.vector;

import java.util.Spliterator;
import java.util.function.Consumer;

/**
 * {@link PersistentVector#spliterator()}.
 *
 * @param <E> the element type
 */
final class VectorSpliterator<E> extends LeafRange<E> implements Spliterator<E> {
    VectorSpliterator(PersistentVector<E> vector, int from, int to) {
        super(vector, from, to);
    }

    @Override
    public boolean tryAdvance(Consumer<? super E> action) {
        vector.trie.checkLive(PersistentVector.WHAT);
        if (next >= end) {
            return false;
        }
        action.accept(read(next++));
        return true;
    }

    @Override
    public void forEachRemaining(Consumer<? super E> action) {
        vector.trie.checkLive(PersistentVector.WHAT);
        while (next < end) {
            // A leaf at a time: its elements read in a loop of their own.
            int k = slot(next);
            int count = Math.min(VectorTrie.WIDTH - k, end - next);
            Object n = leaf.obj;
            long a = leaf.addr;
            next += count;
            for (int j = k; j < k + count; j++) {
                action.accept(element(n, a, j));
                // The action may have reset the allocator of a native vector: never read on after that.
                vector.trie.checkLive(PersistentVector.WHAT);
            }
        }
    }

    private E read(int i) {
        int k = slot(i);
        return element(leaf.obj, leaf.addr, k);
    }

    private E element(Object n, long a, int k) {
        VectorTrie trie = vector.trie;
        if (trie.inline) {
            return vector.codec.decode(trie.word(n, a, k));
        }
        @SuppressWarnings("unchecked")
        E e = (E) trie.ref(n, a, k);
        return e;
    }

    @Override
    public Spliterator<E> trySplit() {
        PersistentVector<E> v = vector;
        return splitOff((from, to) -> new VectorSpliterator<>(v, from, to));
    }
}
