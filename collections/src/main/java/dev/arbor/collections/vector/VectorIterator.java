package dev.arbor.collections.vector;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * {@link PersistentVector#iterator()}. Walks leaf by leaf: one trie descent per 32 elements.
 *
 * @param <E> the element type
 */
final class VectorIterator<E> implements Iterator<E> {
    private final PersistentVector<E> vector;
    private final Ref leaf = new Ref();
    /** The position of the next element. */
    private int next;

    VectorIterator(PersistentVector<E> vector) {
        this.vector = vector;
        next = vector.origin;
    }

    @Override
    public boolean hasNext() {
        return next < vector.origin + vector.size;
    }

    @Override
    public E next() {
        PersistentVector<E> v = vector;
        v.trie.checkLive(PersistentVector.WHAT);
        if (next >= v.origin + v.size) {
            throw new NoSuchElementException("no element after index " + (v.size - 1));
        }
        if (v.trie.inline) {
            return v.codec.decode(nextWord());
        }
        @SuppressWarnings("unchecked")
        E e = (E) nextRef();
        return e;
    }

    /** The next element's word, unchecked: the caller knows there is one and that the vector is live. */
    long nextWord() {
        int k = advance();
        return vector.trie.word(leaf.obj, leaf.addr, k);
    }

    /** The next element's reference, unchecked as {@link #nextWord}. */
    Object nextRef() {
        int k = advance();
        return vector.trie.ref(leaf.obj, leaf.addr, k);
    }

    /** Moves to the next element, reading its leaf if it starts one; its slot in the leaf. */
    private int advance() {
        int p = next++;
        int k = p & VectorTrie.MASK;
        PersistentVector<E> v = vector;
        if (k == 0 || p == v.origin) {
            v.trie.leafFor(leaf, p, v.origin + v.size, v.shift, v.root, v.rootAddr, v.tail, v.tailAddr);
        }
        return k;
    }
}
