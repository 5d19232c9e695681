package dev.arbor.collections.champ;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.Edit;

/**
 * A builder over a {@link PersistentSet} that edits in place the nodes it created itself and
 * copies any other node before its first edit, so no value obtained earlier ever changes.
 *
 * <p>Single use and single thread: after {@link #persistent()}, or from a thread other than the one
 * that called {@link PersistentSet#asTransient()}, every method throws
 * ({@link IllegalStateException}, {@link WrongThreadException}).
 *
 * <p>Under a native allocator its new nodes are native; from then on it is bound to that
 * allocator: any use while the allocator is not current, or after it was reset or closed, throws
 * {@link IllegalStateException} and touches nothing. Native nodes it owns and replaces go back to
 * their allocator at once. If an operation fails (an allocation is refused), the transient is as
 * before the call and the nodes the call allocated are freed.
 *
 * @param <E> the element type
 */
public final class TransientSet<E> {
    private static final String WHAT = "TransientSet";

    private ChampTrie trie;
    private final Codec<E> codec;
    private final Edit edit = Edit.open(WHAT);
    private final Op op = new Op(edit);
    private int size;
    private Object root;
    private long rootAddr;

    TransientSet(PersistentSet<E> s) {
        this.trie = s.trie;
        this.codec = s.codec;
        this.size = s.size;
        this.root = s.root;
        this.rootAddr = s.rootAddr;
    }

    /** Checks the token and the allocator, and picks the format this call runs with. */
    private void enter() {
        edit.check();
        trie = trie.forTransient(size == 0, WHAT);
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
            op.reset();
            trie.retireOwned(op, root, rootAddr, 0);
            op.commit();
            edit.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The number of elements. */
    public int size() {
        enter();
        return size;
    }

    /** Whether {@code o} is an element. */
    public boolean contains(Object o) {
        enter();
        if (!codec.accepts(o)) {
            return false;
        }
        long kw = word(o);
        op.reset();
        return trie.find(op, root, rootAddr, kw, o, trie.hash(kw, o)) >= 0;
    }

    /**
     * Whether {@code e} is an element, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public boolean containsLong(long e) {
        enter();
        requireLongs("containsLong");
        op.reset();
        return trie.find(op, root, rootAddr, e, null, trie.hash(e, null)) >= 0;
    }

    /** Adds {@code e}. */
    public TransientSet<E> add(E e) {
        enter();
        addElement(codec.isInline() ? codec.encode(e) : 0, e);
        return this;
    }

    /**
     * Adds {@code e}, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public TransientSet<E> addLong(long e) {
        enter();
        requireLongs("addLong");
        addElement(e, null);
        return this;
    }

    private void addElement(long kw, Object kr) {
        op.reset();
        try {
            trie.put(op, root, rootAddr, kw, kr, 0, null, trie.hash(kw, kr), 0);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        op.commit();
        root = op.obj;
        rootAddr = op.addr;
        if (op.added) {
            size++;
        }
    }

    /** Removes {@code o} if present. */
    public TransientSet<E> remove(Object o) {
        enter();
        if (codec.accepts(o)) {
            removeElement(word(o), o);
        }
        return this;
    }

    /**
     * Removes {@code e} if present, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public TransientSet<E> removeLong(long e) {
        enter();
        requireLongs("removeLong");
        removeElement(e, null);
        return this;
    }

    private void removeElement(long kw, Object kr) {
        op.reset();
        try {
            trie.remove(op, root, rootAddr, kw, kr, trie.hash(kw, kr), 0);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        op.commit();
        root = op.obj;
        rootAddr = op.addr;
        if (op.removed) {
            size--;
        }
    }

    /**
     * The persistent set of the current contents; this transient is unusable afterwards.
     * The nodes it edited stay immutable forever, as no other transient has its edit id.
     */
    public PersistentSet<E> persistent() {
        enter();
        edit.close();
        if (size == 0) {
            return PersistentSet.empty(codec);
        }
        return new PersistentSet<>(trie, codec, size, root, rootAddr);
    }

    @SuppressWarnings("unchecked")
    private long word(Object o) {
        return codec.isInline() ? codec.encode((E) o) : 0;
    }

    private void requireLongs(String what) {
        if (codec != Codec.LONG) {
            throw new UnsupportedOperationException(what + " needs a set with Codec.LONG; this one has Codec."
                    + codec.name() + "; use the boxed method instead");
        }
    }
}
