package dev.arbor.collections.vector;

import dev.arbor.collections.codec.Codec;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * An immutable, structurally shared list: a 32-way trie with a tail (Clojure's scheme).
 * {@link #append} is O(1) amortized, {@link #get} and {@link #with} are O(log<sub>32</sub> n).
 *
 * <p>Elements are stored as {@linkplain Codec codec} words: a vector made with {@link Codec#LONG}
 * holds no boxed objects, and {@link #getLong}/{@link #appendLong}/{@link #withLong} never box.
 *
 * <p>It is a read-only {@link List}: the {@code java.util} mutators ({@code add}, {@code set},
 * {@code remove}, ...) throw {@link UnsupportedOperationException}; {@code equals} and
 * {@code hashCode} follow {@link List}'s contract, so a vector equals any list with the same
 * elements in the same order. For many edits in a row use {@link #asTransient()}.
 *
 * <p>Every node comes through {@link dev.arbor.api.heap.RoutingHeap}: a counting allocator made
 * current sees each one. The layouts are drawn in {@code ManagedVectorTrie}.
 *
 * @param <E> the element type
 */
public final class PersistentVector<E> extends AbstractList<E> implements RandomAccess {
    private static final PersistentVector<Object> EMPTY_OBJECTS = empty(ManagedVectorTrie.REFS, Codec.object());
    private static final PersistentVector<Long> EMPTY_LONGS = empty(ManagedVectorTrie.WORDS, Codec.LONG);
    private static final PersistentVector<Integer> EMPTY_INTS = empty(ManagedVectorTrie.WORDS, Codec.INT);
    private static final PersistentVector<Double> EMPTY_DOUBLES = empty(ManagedVectorTrie.WORDS, Codec.DOUBLE);

    final VectorTrie trie;
    final Codec<E> codec;
    final int size;
    final int shift;
    final Object root;
    final long rootAddr;
    final Object tail;
    final long tailAddr;

    PersistentVector(VectorTrie trie, Codec<E> codec, int size, int shift, Object root, long rootAddr,
                     Object tail, long tailAddr) {
        this.trie = trie;
        this.codec = codec;
        this.size = size;
        this.shift = shift;
        this.root = root;
        this.rootAddr = rootAddr;
        this.tail = tail;
        this.tailAddr = tailAddr;
    }

    private static <E> PersistentVector<E> empty(VectorTrie trie, Codec<E> codec) {
        Ref r = new Ref();
        trie.emptyRoot(r);
        Object root = r.obj;
        long rootA = r.addr;
        trie.emptyTail(r);
        return new PersistentVector<>(trie, codec, 0, VectorTrie.BITS, root, rootA, r.obj, r.addr);
    }

    /** The empty vector of objects. */
    @SuppressWarnings("unchecked")
    public static <E> PersistentVector<E> of() {
        return (PersistentVector<E>) EMPTY_OBJECTS;
    }

    /** The empty vector whose elements {@code codec} encodes (a shared constant). */
    @SuppressWarnings("unchecked")
    public static <E> PersistentVector<E> empty(Codec<E> codec) {
        Objects.requireNonNull(codec, "codec");
        Object e = codec == Codec.LONG ? EMPTY_LONGS
                : codec == Codec.INT ? EMPTY_INTS
                : codec == Codec.DOUBLE ? EMPTY_DOUBLES
                : EMPTY_OBJECTS;
        return (PersistentVector<E>) e;
    }

    /** A vector of objects holding {@code elements} in order (nulls allowed). */
    @SafeVarargs
    public static <E> PersistentVector<E> of(E... elements) {
        PersistentVector<E> empty = of();
        List<E> list = new ArrayList<>(elements.length);
        for (E e : elements) {
            list.add(e);
        }
        return empty.appendAll(list);
    }

    /** A vector of inline {@code long}s. */
    public static PersistentVector<Long> ofLongs(long... elements) {
        if (elements.length == 0) {
            return EMPTY_LONGS;
        }
        if (elements.length <= VectorTrie.WIDTH) {
            Ref out = new Ref();
            ManagedVectorTrie.WORDS.newLeaf(out, elements.length, null);
            for (int i = 0; i < elements.length; i++) {
                ManagedVectorTrie.WORDS.setWord(out.obj, out.addr, i, elements[i]);
            }
            return new PersistentVector<>(ManagedVectorTrie.WORDS, Codec.LONG, elements.length, VectorTrie.BITS,
                    EMPTY_LONGS.root, EMPTY_LONGS.rootAddr, out.obj, out.addr);
        }
        TransientVector<Long> t = EMPTY_LONGS.asTransient();
        for (long e : elements) {
            t.addLong(e);
        }
        return t.persistent();
    }

    /** A vector of objects holding {@code elements} in iteration order. */
    public static <E> PersistentVector<E> copyOf(Collection<? extends E> elements) {
        if (elements instanceof PersistentVector<?> v && v.codec == Codec.object()) {
            @SuppressWarnings("unchecked")
            PersistentVector<E> same = (PersistentVector<E>) v;
            return same;
        }
        PersistentVector<E> empty = of();
        return empty.appendAll(elements);
    }

    /** A collector into a vector of objects. Safe for parallel streams. */
    public static <E> Collector<E, ?, PersistentVector<E>> collector() {
        // An ArrayList accumulates: parallel streams combine partial results on other threads,
        // which a transient (confined to its thread) must refuse.
        return Collectors.collectingAndThen(Collectors.toCollection(ArrayList<E>::new), PersistentVector::copyOf);
    }

    /** The codec of this vector's elements. */
    public Codec<E> codec() {
        return codec;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public E get(int index) {
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
        checkIndex(index);
        if (trie.inline) {
            if (codec == Codec.DOUBLE) {
                throw new UnsupportedOperationException("getLong on a vector of doubles; use getDouble(" + index + ")");
            }
            return trie.wordAt(index, size, shift, root, rootAddr, tail, tailAddr);
        }
        return (Long) trie.refAt(index, size, shift, root, rootAddr, tail, tailAddr);
    }

    /**
     * Element {@code index} as a {@code double}, without boxing for a {@link Codec#DOUBLE} vector.
     *
     * @throws UnsupportedOperationException for a {@link Codec#LONG} or {@link Codec#INT} vector
     * @throws ClassCastException            for an object vector whose element is not a {@link Double}
     */
    public double getDouble(int index) {
        checkIndex(index);
        if (trie.inline) {
            if (codec != Codec.DOUBLE) {
                throw new UnsupportedOperationException("getDouble on a vector of " + codec.name() + "s; use getLong(" + index + ")");
            }
            return Double.longBitsToDouble(trie.wordAt(index, size, shift, root, rootAddr, tail, tailAddr));
        }
        return (Double) trie.refAt(index, size, shift, root, rootAddr, tail, tailAddr);
    }

    /** This vector with {@code e} added at the end. */
    public PersistentVector<E> append(E e) {
        return appendElement(trie.inline ? codec.encode(e) : 0, e);
    }

    /**
     * This vector with {@code e} added at the end, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public PersistentVector<E> appendLong(long e) {
        requireLongCodec("appendLong");
        return appendElement(e, null);
    }

    /** This vector with every element of {@code elements} added at the end, in iteration order. */
    public PersistentVector<E> appendAll(Iterable<? extends E> elements) {
        if (size == 0 && elements instanceof Collection<? extends E> c && c.size() <= VectorTrie.WIDTH) {
            return smallOf(c);
        }
        Iterator<? extends E> it = elements.iterator();
        if (!it.hasNext()) {
            return this;
        }
        TransientVector<E> t = asTransient();
        while (it.hasNext()) {
            t.add(it.next());
        }
        return t.persistent();
    }

    /** Up to 32 elements: one exact tail leaf, the only node allocated. */
    private PersistentVector<E> smallOf(Collection<? extends E> c) {
        int n = c.size();
        if (n == 0) {
            return this;
        }
        Ref out = new Ref();
        trie.newLeaf(out, n, null);
        int i = 0;
        for (E e : c) {
            if (i == n) {
                throw new ConcurrentModificationException("the collection grew while it was copied");
            }
            trie.setElement(out.obj, out.addr, i++, trie.inline ? codec.encode(e) : 0, e);
        }
        if (i != n) {
            throw new ConcurrentModificationException("the collection shrank while it was copied");
        }
        return new PersistentVector<>(trie, codec, n, shift, root, rootAddr, out.obj, out.addr);
    }

    private PersistentVector<E> appendElement(long w, Object r) {
        Ref out = new Ref();
        int tailCount = size - VectorTrie.tailOffset(size);
        if (tailCount < VectorTrie.WIDTH) {
            trie.copyLeaf(out, tail, tailAddr, tailCount, tailCount + 1, null);
            trie.setElement(out.obj, out.addr, tailCount, w, r);
            return new PersistentVector<>(trie, codec, size + 1, shift, root, rootAddr, out.obj, out.addr);
        }
        int newShift = trie.pushTailLeaf(out, size, shift, root, rootAddr, tail, tailAddr, null);
        Object newRoot = out.obj;
        long newRootA = out.addr;
        trie.newLeaf(out, 1, null);
        trie.setElement(out.obj, out.addr, 0, w, r);
        return new PersistentVector<>(trie, codec, size + 1, newShift, newRoot, newRootA, out.obj, out.addr);
    }

    /**
     * This vector with element {@code index} replaced by {@code e}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public PersistentVector<E> with(int index, E e) {
        checkIndex(index);
        return withElement(index, trie.inline ? codec.encode(e) : 0, e);
    }

    /**
     * This vector with element {@code index} replaced by {@code e}, without boxing.
     *
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public PersistentVector<E> withLong(int index, long e) {
        requireLongCodec("withLong");
        checkIndex(index);
        return withElement(index, e, null);
    }

    private PersistentVector<E> withElement(int index, long w, Object r) {
        Ref out = new Ref();
        int tailOffset = VectorTrie.tailOffset(size);
        if (index >= tailOffset) {
            int tailCount = size - tailOffset;
            trie.copyLeaf(out, tail, tailAddr, tailCount, tailCount, null);
            trie.setElement(out.obj, out.addr, index & VectorTrie.MASK, w, r);
            return new PersistentVector<>(trie, codec, size, shift, root, rootAddr, out.obj, out.addr);
        }
        trie.assoc(out, shift, root, rootAddr, index, w, r, null);
        return new PersistentVector<>(trie, codec, size, shift, out.obj, out.addr, tail, tailAddr);
    }

    /**
     * This vector without its last element.
     *
     * @throws NoSuchElementException if the vector is empty
     */
    public PersistentVector<E> pop() {
        if (size == 0) {
            throw new NoSuchElementException("pop() on an empty vector; check isEmpty() first");
        }
        if (size == 1) {
            return empty(codec);
        }
        Ref out = new Ref();
        int tailCount = size - VectorTrie.tailOffset(size);
        if (tailCount > 1) {
            trie.copyLeaf(out, tail, tailAddr, tailCount - 1, tailCount - 1, null);
            return new PersistentVector<>(trie, codec, size - 1, shift, root, rootAddr, out.obj, out.addr);
        }
        // The last trie leaf becomes the tail (shared: trie leaves are full and immutable).
        trie.leafFor(out, size - 2, size, shift, root, rootAddr, tail, tailAddr);
        Object newTail = out.obj;
        long newTailA = out.addr;
        int newShift = trie.popTailLeaf(out, size, shift, root, rootAddr, null);
        return new PersistentVector<>(trie, codec, size - 1, newShift, out.obj, out.addr, newTail, newTailA);
    }

    /**
     * The elements from {@code fromIndex} (inclusive) to {@code toIndex} (exclusive) as a new
     * vector: an O(k) copy, not a view (the result does not keep this vector reachable). As this
     * vector never changes, a copy and a view cannot be told apart but by cost.
     *
     * @throws IndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > size()}
     * @throws IllegalArgumentException  if {@code fromIndex > toIndex}
     */
    @Override
    public PersistentVector<E> subList(int fromIndex, int toIndex) {
        if (fromIndex > toIndex) {
            throw new IllegalArgumentException("subList(" + fromIndex + ", " + toIndex + "): fromIndex > toIndex");
        }
        Objects.checkFromToIndex(fromIndex, toIndex, size);
        if (fromIndex == 0 && toIndex == size) {
            return this;
        }
        TransientVector<E> t = empty(codec).asTransient();
        Ref leaf = new Ref();
        for (int i = fromIndex; i < toIndex; ) {
            trie.leafFor(leaf, i, size, shift, root, rootAddr, tail, tailAddr);
            int end = Math.min(toIndex, (i | VectorTrie.MASK) + 1);
            for (; i < end; i++) {
                int k = i & VectorTrie.MASK;
                if (trie.inline) {
                    t.addElement(trie.word(leaf.obj, leaf.addr, k), null);
                } else {
                    t.addElement(0, trie.ref(leaf.obj, leaf.addr, k));
                }
            }
        }
        return t.persistent();
    }

    /** A transient copy: a builder that edits in place the nodes it creates. O(1). */
    public TransientVector<E> asTransient() {
        return new TransientVector<>(this);
    }

    @Override
    public Iterator<E> iterator() {
        return new Itr();
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

    /** Walks leaf by leaf: one trie descent per 32 elements. */
    private final class Itr implements Iterator<E> {
        private final Ref leaf = new Ref();
        private int next;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public E next() {
            int i = next;
            if (i >= size) {
                throw new NoSuchElementException("no element after index " + (size - 1));
            }
            int k = i & VectorTrie.MASK;
            if (k == 0) {
                trie.leafFor(leaf, i, size, shift, root, rootAddr, tail, tailAddr);
            }
            next = i + 1;
            if (trie.inline) {
                return codec.decode(trie.word(leaf.obj, leaf.addr, k));
            }
            @SuppressWarnings("unchecked")
            E e = (E) trie.ref(leaf.obj, leaf.addr, k);
            return e;
        }
    }
}
