package dev.arbor.collections.champ;

import dev.arbor.collections.codec.Codec;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * An immutable, structurally shared hash set: a canonical CHAMP trie whose entries have no value.
 * {@link #plus}, {@link #minus} and {@link #contains} are O(log<sub>32</sub> n).
 *
 * <p>Elements are stored as {@linkplain Codec codec} words: a set made with
 * {@code empty(Codec.LONG)} holds no boxed objects, and {@link #containsLong},
 * {@link #plusLong} and {@link #minusLong} never box.
 *
 * <p>It is a read-only {@link Set}: the {@code java.util} mutators throw
 * {@link UnsupportedOperationException}; {@code equals} and {@code hashCode} follow {@link Set}'s
 * contract. Nodes come through {@link dev.arbor.api.heap.RoutingHeap}; the layout is drawn in
 * {@code ManagedChampTrie}.
 *
 * @param <E> the element type
 */
public final class PersistentSet<E> extends AbstractSet<E> {
    final ChampTrie trie;
    final Codec<E> codec;
    final int size;
    final Object root;
    final long rootAddr;
    /** Cached hash code, computed on demand; races are benign as in {@link String#hashCode()}. */
    private int hash;
    private boolean hashIsZero;

    PersistentSet(ChampTrie trie, Codec<E> codec, int size, Object root, long rootAddr) {
        this.trie = trie;
        this.codec = codec;
        this.size = size;
        this.root = root;
        this.rootAddr = rootAddr;
    }

    /** The empty set whose elements {@code codec} encodes. Allocates nothing. */
    public static <E> PersistentSet<E> empty(Codec<E> codec) {
        Objects.requireNonNull(codec, "codec");
        ChampTrie trie = ManagedChampTrie.of(codec, null);
        Op op = new Op(null);
        trie.empty(op);
        return new PersistentSet<>(trie, codec, 0, op.obj, op.addr);
    }

    /** A set of objects holding {@code elements} (duplicates once). */
    @SafeVarargs
    public static <E> PersistentSet<E> of(E... elements) {
        PersistentSet<E> s = empty(Codec.object());
        if (elements.length > 1 && elements.length <= 8) {
            // Few elements: one node if their first-level slots differ.
            Object[] refs = new Object[elements.length];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = elements[i];
            }
            Op op = new Op(null);
            if (s.trie.tryRootOf(op, refs.length, new long[refs.length], refs, new long[refs.length], new Object[refs.length])) {
                return new PersistentSet<>(s.trie, s.codec, refs.length, op.obj, op.addr);
            }
        }
        TransientSet<E> t = s.asTransient();
        for (E e : elements) {
            t.add(e);
        }
        return t.persistent();
    }

    /** A set of inline {@code long}s. */
    public static PersistentSet<Long> ofLongs(long... elements) {
        TransientSet<Long> t = empty(Codec.LONG).asTransient();
        for (long e : elements) {
            t.addLong(e);
        }
        return t.persistent();
    }

    /** A set of objects holding the elements of {@code elements}. */
    public static <E> PersistentSet<E> copyOf(Collection<? extends E> elements) {
        if (elements instanceof PersistentSet<?> p && p.codec == Codec.object()) {
            @SuppressWarnings("unchecked")
            PersistentSet<E> same = (PersistentSet<E>) p;
            return same;
        }
        return PersistentSet.<E>empty(Codec.object()).plusAll(elements);
    }

    /** A collector into a set of objects. Safe for parallel streams. */
    public static <E> Collector<E, ?, PersistentSet<E>> collector() {
        // A list accumulates: a transient is confined to its thread, parallel streams combine on others.
        return Collectors.collectingAndThen(Collectors.toCollection(ArrayList<E>::new), PersistentSet::copyOf);
    }

    /** The codec of the elements. */
    public Codec<E> codec() {
        return codec;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean contains(Object o) {
        if (!codec.accepts(o)) {
            return false;
        }
        long kw = word(o);
        Op op = new Op(null);
        return trie.find(op, root, rootAddr, kw, o, trie.hash(kw, o)) >= 0;
    }

    /**
     * Whether {@code e} is an element, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public boolean containsLong(long e) {
        requireLongs("containsLong");
        Op op = new Op(null);
        return trie.find(op, root, rootAddr, e, null, trie.hash(e, null)) >= 0;
    }

    /** This set with {@code e}; this set itself if {@code e} is already an element. */
    public PersistentSet<E> plus(E e) {
        return plusElement(codec.isInline() ? codec.encode(e) : 0, e);
    }

    /**
     * This set with {@code e}, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public PersistentSet<E> plusLong(long e) {
        requireLongs("plusLong");
        return plusElement(e, null);
    }

    /** This set with every element of {@code elements}. */
    public PersistentSet<E> plusAll(Iterable<? extends E> elements) {
        Iterator<? extends E> it = elements.iterator();
        if (!it.hasNext()) {
            return this;
        }
        TransientSet<E> t = asTransient();
        while (it.hasNext()) {
            t.add(it.next());
        }
        return t.persistent();
    }

    private PersistentSet<E> plusElement(long kw, Object kr) {
        Op op = new Op(null);
        trie.put(op, root, rootAddr, kw, kr, 0, null, trie.hash(kw, kr), 0);
        if (!op.added) {
            return this;
        }
        return new PersistentSet<>(trie, codec, size + 1, op.obj, op.addr);
    }

    /** This set without {@code o}; this set itself if {@code o} is not an element. */
    public PersistentSet<E> minus(Object o) {
        if (!codec.accepts(o)) {
            return this;
        }
        return minusElement(word(o), o);
    }

    /**
     * This set without {@code e}, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public PersistentSet<E> minusLong(long e) {
        requireLongs("minusLong");
        return minusElement(e, null);
    }

    private PersistentSet<E> minusElement(long kw, Object kr) {
        Op op = new Op(null);
        trie.remove(op, root, rootAddr, kw, kr, trie.hash(kw, kr), 0);
        if (!op.removed) {
            return this;
        }
        return new PersistentSet<>(trie, codec, size - 1, op.obj, op.addr);
    }

    /** A transient copy: a builder that edits in place the nodes it creates. O(1). */
    public TransientSet<E> asTransient() {
        return new TransientSet<>(this);
    }

    @Override
    public Iterator<E> iterator() {
        Cursor c = new Cursor(trie, root, rootAddr, size);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return c.hasNext();
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                c.advance();
                return trie.keyInline ? codec.decode(trie.keyWord(c.node, c.addr, c.index)) : (E) trie.keyRef(c.node, c.addr, c.index);
            }
        };
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && !hashIsZero) {
            Cursor c = new Cursor(trie, root, rootAddr, size);
            while (c.hasNext()) {
                c.advance();
                h += trie.keyInline ? codec.hashWord(trie.keyWord(c.node, c.addr, c.index))
                        : Objects.hashCode(trie.keyRef(c.node, c.addr, c.index));
            }
            if (h == 0) {
                hashIsZero = true;
            } else {
                hash = h;
            }
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    private long word(Object o) {
        return codec.isInline() ? codec.encode((E) o) : 0;
    }

    private void requireLongs(String op) {
        if (codec != Codec.LONG) {
            throw new UnsupportedOperationException(op + " needs a set with Codec.LONG; this one has Codec."
                    + codec.name() + "; use the boxed method instead");
        }
    }
}
