package dev.arbor.collections.vector;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.Edit;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A builder over a {@link PersistentVector} that edits in place the nodes it created itself and
 * copies any other node before its first edit, so no value obtained earlier ever changes.
 *
 * <p>Single use and single thread: after {@link #persistent()}, or from a thread other than the one
 * that called {@link PersistentVector#asTransient()}, every method throws
 * ({@link IllegalStateException}, {@link WrongThreadException}).
 *
 * <p>Under a native allocator its new nodes are native; from then on it is bound to that
 * allocator: any use while the allocator is not current, or after it was reset or closed, throws
 * {@link IllegalStateException} and touches nothing. Nodes it owns and replaces go back to their
 * allocator at once. If an operation fails (an allocation is refused), the transient is as before
 * the call and the nodes the call allocated are freed.
 *
 * @param <E> the element type
 */
public final class TransientVector<E> {
    private static final String WHAT = "TransientVector";

    private VectorTrie trie;
    private final Codec<E> codec;
    private final Edit edit = Edit.open(WHAT);
    private final Ref out = new Ref();
    /** The position of element 0 in the trie ({@link PersistentVector#origin}). */
    private final int origin;
    /** The position after the last element: the size is {@code end - origin}. */
    private int end;
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
        this.origin = v.origin;
        this.end = v.origin + v.size;
        this.shift = v.shift;
        this.root = v.root;
        this.rootAddr = v.rootAddr;
        this.tail = v.tail;
        this.tailAddr = v.tailAddr;
    }

    /** Checks the token and the allocator, and picks the format this call runs with. */
    private VectorTrie enter() {
        edit.check();
        if (edit.allocatorUnchanged()) {
            // The last call left the format as it must be under this allocator.
            trie.checkLive(WHAT);
            return trie;
        }
        VectorTrie t = trie.forTransient(end == origin && !tailOwned, WHAT);
        trie = t;
        edit.allocatorChecked();
        return t;
    }

    /** {@return the number of elements} */
    public int size() {
        enter();
        return end - origin;
    }

    /**
     * Element {@code index}.
     *
     * @param index the element's position, {@code 0 <= index < size()}
     * @return the element
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public E get(int index) {
        VectorTrie t = enter();
        if (t.inline) {
            return codec.decode(t.wordAt(index, origin, end - origin, shift, root, rootAddr, tail, tailAddr));
        }
        @SuppressWarnings("unchecked")
        E e = (E) t.refAt(index, origin, end - origin, shift, root, rootAddr, tail, tailAddr);
        return e;
    }

    /**
     * Element {@code index} as a {@code long}, without boxing for {@link Codec#LONG} and
     * {@link Codec#INT} vectors.
     *
     * @param index the element's position, {@code 0 <= index < size()}
     * @return the element
     * @throws IndexOutOfBoundsException     unless {@code 0 <= index < size()}
     * @throws UnsupportedOperationException for a {@link Codec#DOUBLE} vector
     * @throws ClassCastException            for an object vector whose element is not a {@link Long}
     */
    public long getLong(int index) {
        VectorTrie t = enter();
        if (t.inline) {
            if (codec == Codec.DOUBLE) {
                throw new UnsupportedOperationException("getLong on a vector of doubles; use get(" + index + ")");
            }
            return t.wordAt(index, origin, end - origin, shift, root, rootAddr, tail, tailAddr);
        }
        return (Long) t.refAt(index, origin, end - origin, shift, root, rootAddr, tail, tailAddr);
    }

    /**
     * Appends {@code e} at the end (as {@link PersistentVector#append} does, in place).
     *
     * @param e the element to add
     * @return this transient
     */
    public TransientVector<E> append(E e) {
        VectorTrie t = enter();
        long w = t.inline ? codec.encode(e) : 0;
        out.begin();
        try {
            addElement(t, w, e);
        } catch (Throwable x) {
            out.rollback(x);
            throw x;
        }
        out.commit();
        return this;
    }

    /**
     * Appends every element of {@code elements} at the end, in iteration order, as {@link #append}
     * would one by one: if one is refused (a {@code null} for an inline codec), the ones before it
     * stay appended and the transient stays usable.
     *
     * @param elements the elements to add
     * @return this transient
     */
    public TransientVector<E> appendAll(Iterable<? extends E> elements) {
        Objects.requireNonNull(elements, "elements");
        for (E e : elements) {
            append(e);
        }
        return this;
    }

    /**
     * Appends {@code e} at the end, without boxing.
     *
     * @param e the element to add
     * @return this transient
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public TransientVector<E> appendLong(long e) {
        VectorTrie t = enter();
        requireLongCodec("appendLong");
        int tailCount = end - VectorTrie.tailOffset(end);
        if (tailOwned && tailCount < VectorTrie.WIDTH) {
            // Room in a tail this transient owns: one write, nothing allocated, nothing to undo.
            t.setWord(tail, tailAddr, tailCount, e);
            end++;
            return this;
        }
        out.begin();
        try {
            addElement(t, e, null);
        } catch (Throwable x) {
            out.rollback(x);
            throw x;
        }
        out.commit();
        return this;
    }

    /** For {@link PersistentVector#subList}: adds an element given as its word or its reference. */
    void addElement(long w, Object r) {
        VectorTrie t = enter();
        out.begin();
        try {
            addElement(t, w, r);
        } catch (Throwable x) {
            out.rollback(x);
            throw x;
        }
        out.commit();
    }

    private void addElement(VectorTrie t, long w, Object r) {
        int tailCount = end - VectorTrie.tailOffset(end);
        if (tailCount < VectorTrie.WIDTH) {
            if (tailOwned) {
                t.setElement(tail, tailAddr, tailCount, w, r);
            } else {
                t.copyLeaf(out, tail, tailAddr, tailCount, VectorTrie.WIDTH, edit);
                t.setElement(out.obj, out.addr, tailCount, w, r);
                tail = out.obj;
                tailAddr = out.addr;
                tailOwned = true;
            }
            end++;
            return;
        }
        // Every allocation first (the new tail, then the path), then the in-place writes.
        t.newLeaf(out, VectorTrie.WIDTH, edit);
        Object newTail = out.obj;
        long newTailA = out.addr;
        t.setElement(newTail, newTailA, 0, w, r);
        int newShift = t.pushTailLeaf(out, end, shift, root, rootAddr, tail, tailAddr, edit);
        shift = newShift;
        root = out.obj;
        rootAddr = out.addr;
        tail = newTail;
        tailAddr = newTailA;
        tailOwned = true;
        end++;
    }

    /**
     * Replaces element {@code index} by {@code e}.
     *
     * @param index the element's position
     * @param e     the new element
     * @return this transient
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public TransientVector<E> set(int index, E e) {
        VectorTrie t = enter();
        checkIndex(index);
        long w = t.inline ? codec.encode(e) : 0;
        out.begin();
        try {
            setElement(t, index, w, e);
        } catch (Throwable x) {
            out.rollback(x);
            throw x;
        }
        out.commit();
        return this;
    }

    /**
     * Replaces element {@code index} by {@code e}, without boxing.
     *
     * @param index the element's position
     * @param e     the new element
     * @return this transient
     * @throws IndexOutOfBoundsException     unless {@code 0 <= index < size()}
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public TransientVector<E> setLong(int index, long e) {
        VectorTrie t = enter();
        requireLongCodec("setLong");
        checkIndex(index);
        out.begin();
        try {
            setElement(t, index, e, null);
        } catch (Throwable x) {
            out.rollback(x);
            throw x;
        }
        out.commit();
        return this;
    }

    private void setElement(VectorTrie t, int index, long w, Object r) {
        int tailOffset = VectorTrie.tailOffset(end);
        int p = origin + index;
        if (p >= tailOffset) {
            int k = p & VectorTrie.MASK;
            if (tailOwned) {
                t.setElement(tail, tailAddr, k, w, r);
            } else {
                t.copyLeaf(out, tail, tailAddr, end - tailOffset, VectorTrie.WIDTH, edit);
                t.setElement(out.obj, out.addr, k, w, r);
                tail = out.obj;
                tailAddr = out.addr;
                tailOwned = true;
            }
            return;
        }
        t.assoc(out, shift, root, rootAddr, p, w, r, edit);
        root = out.obj;
        rootAddr = out.addr;
    }

    /**
     * Removes the last element.
     *
     * @return this transient
     * @throws NoSuchElementException if the vector is empty
     */
    public TransientVector<E> pop() {
        VectorTrie t = enter();
        if (end == origin) {
            throw new NoSuchElementException("pop() on an empty vector; check size() first");
        }
        out.begin();
        try {
            popElement(t);
        } catch (Throwable x) {
            out.rollback(x);
            throw x;
        }
        out.commit();
        return this;
    }

    private void popElement(VectorTrie t) {
        int tailCount = end - VectorTrie.tailOffset(end);
        if (tailCount > 1 || end - origin == 1) {
            if (tailOwned) {
                // Drop the reference so the vector does not keep a removed element reachable.
                t.setElement(tail, tailAddr, tailCount - 1, 0, null);
            } else {
                t.copyLeaf(out, tail, tailAddr, tailCount - 1, VectorTrie.WIDTH, edit);
                tail = out.obj;
                tailAddr = out.addr;
                tailOwned = true;
            }
            end--;
            return;
        }
        // The last trie leaf becomes the tail: made editable first (an allocation), then the
        // trie loses it (allocations bottom-up, then in-place writes).
        t.leafFor(out, end - 2, end, shift, root, rootAddr, tail, tailAddr);
        t.editableLeaf(out, out.obj, out.addr, edit);
        Object newTail = out.obj;
        long newTailA = out.addr;
        int newShift = t.popTailLeaf(out, end, shift, root, rootAddr, edit);
        if (tailOwned) {
            t.retire(out, tail, tailAddr, edit);
        }
        shift = newShift;
        root = out.obj;
        rootAddr = out.addr;
        tail = newTail;
        tailAddr = newTailA;
        tailOwned = true;
        end--;
    }

    /**
     * The persistent vector of the current contents; this transient is unusable afterwards.
     * The nodes it edited stay immutable forever, as no other transient has its edit id.
     *
     * @return the vector of the current contents
     */
    public PersistentVector<E> persistent() {
        VectorTrie t = enter();
        out.begin();
        Object pt = tail;
        long pta = tailAddr;
        try {
            int tailCount = end - VectorTrie.tailOffset(end);
            if (tailOwned && (end == origin || tailCount < VectorTrie.WIDTH)) {
                if (end > origin) {
                    // Trim the 32-slot tail to its elements, as persistent tails are exact.
                    t.copyLeaf(out, tail, tailAddr, tailCount, tailCount, null);
                    pt = out.obj;
                    pta = out.addr;
                }
                t.retire(out, tail, tailAddr, edit);
            }
        } catch (Throwable x) {
            out.rollback(x);
            throw x;
        }
        out.commit();
        edit.close();
        if (end == origin) {
            return PersistentVector.empty(codec);
        }
        return new PersistentVector<>(t, codec, origin, end - origin, shift, root, rootAddr, pt, pta);
    }

    /**
     * Abandons this transient after {@code failure} in a bulk operation built on it: frees the
     * native nodes it owns (nothing else refers to them) and closes it. Failures to free are
     * added to {@code failure}.
     */
    void discard(Throwable failure) {
        try {
            edit.check();
            trie.checkLive(WHAT);
            out.begin();
            trie.retireOwned(out, root, rootAddr, shift, edit);
            if (tailOwned) {
                trie.retire(out, tail, tailAddr, edit);
            }
            out.commit();
            edit.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= end - origin) {
            throw VectorTrie.outOfBounds(index, end - origin);
        }
    }

    private void requireLongCodec(String op) {
        if (codec != Codec.LONG) {
            throw new UnsupportedOperationException(op + " needs a vector with Codec.LONG; this one has Codec."
                    + codec.name() + "; use the boxed method instead");
        }
    }
}
