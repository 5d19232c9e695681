package dev.arbor.collections.vector;

import java.util.Spliterator;
import java.util.function.BiFunction;

/**
 * A range {@code [next, end)} of a vector's positions, read leaf by leaf: the common part of its
 * spliterators ({@link VectorSpliterator}, {@link VectorLongSpliterator}).
 *
 * @param <E> the vector's element type
 */
abstract class LeafRange<E> {
    final PersistentVector<E> vector;
    final Ref leaf = new Ref();
    int next;
    final int end;
    /** Whether {@link #leaf} holds the leaf of {@code next} (so a range may start mid-leaf). */
    boolean inLeaf;

    LeafRange(PersistentVector<E> vector, int from, int to) {
        this.vector = vector;
        next = from;
        end = to;
    }

    /** The leaf of position {@code i}, from the one at hand while {@code i} is in it. */
    final int slot(int i) {
        int k = i & VectorTrie.MASK;
        if (k == 0 || !inLeaf) {
            PersistentVector<E> v = vector;
            v.trie.leafFor(leaf, i, v.origin + v.size, v.shift, v.root, v.rootAddr, v.tail, v.tailAddr);
            inLeaf = true;
        }
        return k;
    }

    /** The first half of the rest, at a leaf boundary, to a new range; null if under a leaf is left. */
    final <R extends LeafRange<E>> R splitOff(BiFunction<Integer, Integer, R> make) {
        vector.trie.checkLive(PersistentVector.WHAT);
        int mid = ((next + end) >>> 1) & ~VectorTrie.MASK;
        if (mid <= next) {
            return null;
        }
        R prefix = make.apply(next, mid);
        prefix.leaf.set(leaf.obj, leaf.addr);
        prefix.inLeaf = inLeaf;
        next = mid;
        inLeaf = false;
        return prefix;
    }

    public final long estimateSize() {
        return end - next;
    }

    public final int characteristics() {
        return Spliterator.ORDERED | Spliterator.SIZED | Spliterator.SUBSIZED | Spliterator.IMMUTABLE
                | (vector.trie.inline ? Spliterator.NONNULL : 0);
    }
}
