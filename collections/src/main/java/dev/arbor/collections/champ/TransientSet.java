package dev.arbor.collections.champ;

import dev.arbor.collections.codec.Codec;
import java.util.Objects;

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
 * <p>Made from an empty set, it buffers its puts and builds all their nodes in one pass at the
 * first other call ({@code persistent()}, {@code size()}, a lookup or a removal), each node
 * allocated once at its final size; the last put of a key wins, as one put after another would.
 * That call then costs time in proportion to the buffered puts. A managed transient buffers on
 * the JVM heap, a native one in its allocator's memory (given back after the build); a native
 * one with object keys or values does not buffer, as native memory cannot hold JVM references.
 *
 * @param <E> the element type
 */
public final class TransientSet<E> {
    private static final String WHAT = "TransientSet";

    private final Codec<E> codec;
    private final TrieEditor editor;

    TransientSet(PersistentSet<E> s) {
        this.codec = s.codec;
        this.editor = new TrieEditor(WHAT, s.trie, s.size, s.root, s.rootAddr);
    }

    /** See {@link TrieEditor#discard}. */
    void discard(Throwable failure) {
        editor.discard(failure);
    }

    /** {@return the number of elements} */
    public int size() {
        editor.enter();
        return editor.size;
    }

    /**
     * Whether {@code o} is an element.
     *
     * @param o the element to look up; an object the codec cannot hold is not an element
     * @return {@code true} if {@code o} is an element
     */
    public boolean contains(Object o) {
        editor.enter();
        return codec.accepts(o) && editor.find(word(o), o) >= 0;
    }

    /**
     * Whether {@code e} is an element, without boxing.
     *
     * @param e the element to look up
     * @return {@code true} if {@code e} is an element
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public boolean containsLong(long e) {
        editor.enter();
        requireLongs("containsLong");
        return editor.find(e, null) >= 0;
    }

    /**
     * Adds {@code e}.
     *
     * @param e the element to add
     * @return this transient
     */
    public TransientSet<E> add(E e) {
        editor.enterToPut();
        editor.put(ChampTrie.keyWordOf(codec, e), e, 0, null);
        return this;
    }

    /**
     * Adds every element of {@code elements}, as {@link #add} would one by one: if one is refused
     * (a {@code null} for an inline codec), the ones before it stay added and the transient stays
     * usable.
     *
     * @param elements the elements to add
     * @return this transient
     */
    public TransientSet<E> addAll(Iterable<? extends E> elements) {
        Objects.requireNonNull(elements, "elements");
        for (E e : elements) {
            add(e);
        }
        return this;
    }

    /**
     * Adds {@code e}, without boxing.
     *
     * @param e the element to add
     * @return this transient
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public TransientSet<E> addLong(long e) {
        editor.enterToPut();
        requireLongs("addLong");
        editor.put(e, null, 0, null);
        return this;
    }

    /**
     * Removes {@code o} if present.
     *
     * @param o the element to remove; an object the codec cannot hold is not an element
     * @return this transient
     */
    public TransientSet<E> remove(Object o) {
        editor.enter();
        if (codec.accepts(o)) {
            editor.remove(word(o), o);
        }
        return this;
    }

    /**
     * Removes {@code e} if present, without boxing.
     *
     * @param e the element to remove
     * @return this transient
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public TransientSet<E> removeLong(long e) {
        editor.enter();
        requireLongs("removeLong");
        editor.remove(e, null);
        return this;
    }

    /**
     * The persistent set of the current contents; this transient is unusable afterwards.
     * The nodes it edited stay immutable forever, as no other transient has its edit id.
     *
     * @return the set of the current contents
     */
    public PersistentSet<E> persistent() {
        editor.enter();
        editor.edit.close();
        if (editor.size == 0) {
            return PersistentSet.empty(codec);
        }
        return new PersistentSet<>(editor.trie, codec, editor.size, editor.root, editor.rootAddr, editor.bulkBuilt());
    }

    @SuppressWarnings("unchecked")
    private long word(Object o) {
        return ChampTrie.keyWordOf(codec, (E) o);
    }

    private void requireLongs(String what) {
        if (codec != Codec.LONG) {
            throw new UnsupportedOperationException(what + " needs a set with Codec.LONG; this one has Codec."
                    + codec.name() + "; use the boxed method instead");
        }
    }
}
