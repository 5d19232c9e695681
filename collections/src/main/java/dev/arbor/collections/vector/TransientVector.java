package dev.arbor.collections.vector;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.Edit;
import java.util.NoSuchElementException;

/**
 * A builder over a {@link PersistentVector} that edits in place the nodes it created itself and
 * copies any other node before its first edit, so no value obtained earlier ever changes.
 *
 * <p>Single use and single thread: after {@link #persistent()}, or from a thread other than the one
 * that called {@link PersistentVector#asTransient()}, every method throws
 * ({@link IllegalStateException}, {@link WrongThreadException}).
 *
 * @param <E> the element type
 */
public final class TransientVector<E> {
    private final VectorTrie trie;
    private final Codec<E> codec;
    private final Edit edit = Edit.open("TransientVector");
    private final Ref out = new Ref();
    private int size;
    private int shift;
    private Object root;
    private long rootAddr;
    /** The tail; once owned by {@link #edit} it has room for 32 elements. */
    private Object tail;
    private long tailAddr;
    private boolean tailOwned;

    TransientVector(PersistentVector<E> v) {
        this.trie = v.trie;
        this.codec = v.codec;
        this.size = v.size;
        this.shift = v.shift;
        this.root = v.root;
        this.rootAddr = v.rootAddr;
        this.tail = v.tail;
        this.tailAddr = v.tailAddr;
    }

    /** The number of elements. */
    public int size() {
        edit.check();
        return size;
    }

    /** Element {@code index}. */
    public E get(int index) {
        edit.check();
        checkIndex(index);
        if (trie.inline) {
            return codec.decode(trie.wordAt(index, size, shift, root, rootAddr, tail, tailAddr));
        }
        @SuppressWarnings("unchecked")
        E e = (E) trie.refAt(index, size, shift, root, rootAddr, tail, tailAddr);
        return e;
    }

    /**
     * Element {@code index} as a {@code long}, without boxing for {@link Codec#LONG} and
     * {@link Codec#INT} vectors.
     *
     * @throws UnsupportedOperationException for a {@link Codec#DOUBLE} vector
     * @throws ClassCastException            for an object vector whose element is not a {@link Long}
     */
    public long getLong(int index) {
        edit.check();
        checkIndex(index);
        if (trie.inline) {
            if (codec == Codec.DOUBLE) {
                throw new UnsupportedOperationException("getLong on a vector of doubles; use get(" + index + ")");
            }
            return trie.wordAt(index, size, shift, root, rootAddr, tail, tailAddr);
        }
        return (Long) trie.refAt(index, size, shift, root, rootAddr, tail, tailAddr);
    }

    /** Adds {@code e} at the end. */
    public TransientVector<E> add(E e) {
        edit.check();
        addElement(trie.inline ? codec.encode(e) : 0, e);
        return this;
    }

    /**
     * Adds {@code e} at the end, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public TransientVector<E> addLong(long e) {
        edit.check();
        requireLongCodec("addLong");
        addElement(e, null);
        return this;
    }

    void addElement(long w, Object r) {
        int tailCount = size - VectorTrie.tailOffset(size);
        if (tailCount < VectorTrie.WIDTH) {
            ownTail(tailCount);
            trie.setElement(tail, tailAddr, tailCount, w, r);
            size++;
            return;
        }
        shift = trie.pushTailLeaf(out, size, shift, root, rootAddr, tail, tailAddr, edit);
        root = out.obj;
        rootAddr = out.addr;
        trie.newLeaf(out, VectorTrie.WIDTH, edit);
        tail = out.obj;
        tailAddr = out.addr;
        tailOwned = true;
        trie.setElement(tail, tailAddr, 0, w, r);
        size++;
    }

    /** Replaces element {@code index} by {@code e}. */
    public TransientVector<E> set(int index, E e) {
        edit.check();
        checkIndex(index);
        setElement(index, trie.inline ? codec.encode(e) : 0, e);
        return this;
    }

    /**
     * Replaces element {@code index} by {@code e}, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public TransientVector<E> setLong(int index, long e) {
        edit.check();
        requireLongCodec("setLong");
        checkIndex(index);
        setElement(index, e, null);
        return this;
    }

    private void setElement(int index, long w, Object r) {
        int tailOffset = VectorTrie.tailOffset(size);
        if (index >= tailOffset) {
            ownTail(size - tailOffset);
            trie.setElement(tail, tailAddr, index & VectorTrie.MASK, w, r);
            return;
        }
        trie.assoc(out, shift, root, rootAddr, index, w, r, edit);
        root = out.obj;
        rootAddr = out.addr;
    }

    /**
     * Removes the last element.
     *
     * @throws NoSuchElementException if the vector is empty
     */
    public TransientVector<E> pop() {
        edit.check();
        if (size == 0) {
            throw new NoSuchElementException("pop() on an empty vector; check size() first");
        }
        int tailCount = size - VectorTrie.tailOffset(size);
        if (tailCount > 1 || size == 1) {
            ownTail(tailCount);
            // Drop the reference so the vector does not keep a removed element reachable.
            trie.setElement(tail, tailAddr, tailCount - 1, 0, null);
            size--;
            return this;
        }
        trie.leafFor(out, size - 2, size, shift, root, rootAddr, tail, tailAddr);
        trie.editableLeaf(out, out.obj, out.addr, edit);
        Object newTail = out.obj;
        long newTailA = out.addr;
        shift = trie.popTailLeaf(out, size, shift, root, rootAddr, edit);
        root = out.obj;
        rootAddr = out.addr;
        tail = newTail;
        tailAddr = newTailA;
        tailOwned = true;
        size--;
        return this;
    }

    /**
     * The persistent vector of the current contents; this transient is unusable afterwards.
     * The nodes it edited stay immutable forever, as no other transient has its edit id.
     */
    public PersistentVector<E> persistent() {
        edit.close();
        if (size == 0) {
            return PersistentVector.empty(codec);
        }
        int tailCount = size - VectorTrie.tailOffset(size);
        Object t = tail;
        long ta = tailAddr;
        if (tailOwned && tailCount < VectorTrie.WIDTH) {
            // Trim the 32-slot tail to its elements, as persistent tails are exact.
            trie.copyLeaf(out, tail, tailAddr, tailCount, tailCount, null);
            t = out.obj;
            ta = out.addr;
        }
        return new PersistentVector<>(trie, codec, size, shift, root, rootAddr, t, ta);
    }

    /** Makes the tail a 32-slot leaf owned by this transient, copying its first {@code count} elements. */
    private void ownTail(int count) {
        if (!tailOwned) {
            trie.copyLeaf(out, tail, tailAddr, count, VectorTrie.WIDTH, edit);
            tail = out.obj;
            tailAddr = out.addr;
            tailOwned = true;
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for a vector of size " + size);
        }
    }

    private void requireLongCodec(String op) {
        if (codec != Codec.LONG) {
            throw new UnsupportedOperationException(op + " needs a vector with Codec.LONG; this one has Codec."
                    + codec.name() + "; use the boxed method instead");
        }
    }
}
