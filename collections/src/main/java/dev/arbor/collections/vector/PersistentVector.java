package dev.arbor.collections.vector;

import dev.arbor.api.Allocator;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.collections.Copier;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.CopierAccess;
import dev.arbor.collections.node.Immutables;
import dev.arbor.collections.node.NativeNodes;
import dev.arbor.collections.node.NodeMemo;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * An immutable, structurally shared list: a 32-way trie with a tail (Clojure's scheme).
 * {@link #append} is O(1) amortized, {@link #get} and {@link #with} are O(log<sub>32</sub> n), and so
 * is {@link #subList}: a slice shares the vector's nodes between its two ends.
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
 * current sees each one. The layouts are drawn in {@code ManagedVectorTrie} and
 * {@code NativeVectorTrie}.
 *
 * <p>It is {@link Serializable}: the stream holds the codec and the elements (which must be
 * serializable for {@link Codec#object()}), never nodes or addresses. Reading it builds a new
 * vector under the reading thread's current allocator, as {@link #copyOf} does: managed with none
 * current, native under an arena. Serializing a native vector whose allocator was reset or closed
 * throws {@link IllegalStateException}.
 *
 * <h2>Native values: the direction rule and copy-out</h2>
 * With no allocator current, nodes are ordinary JVM objects (managed). With a native allocator
 * current (an arena, the debug allocator, a counting allocator over one), every new node is a
 * block of that allocator, and the value is <em>native</em>:
 * <ul>
 *   <li>Native nodes may point to managed nodes (through the allocator's root table) and to
 *       native nodes of the same allocator; managed nodes never point to native ones. So a
 *       managed value updated under an arena becomes a native value that shares the managed
 *       subtrees (no deep copy), and a native value can be <em>updated</em> only while its
 *       allocator is current: otherwise {@link IllegalStateException} says which allocator to make
 *       current, or to copy the value out.</li>
 *   <li>A native value of a confined arena (the default) is used on the arena's owner thread
 *       only; another thread gets {@link WrongThreadException}. A value of a shared arena or of
 *       the debug allocator can be read on any thread while its allocator lives. After the
 *       allocator is reset or closed, every use throws {@link IllegalStateException}, on every
 *       thread, and a read in flight on another thread during the reset either completes
 *       before it or throws; no use reads released or reused memory (the safety model:
 *       {@code docs/memory-safety.md}).</li>
 *   <li>{@link #copyToHeap()} copies the native nodes to managed ones, {@link #copyTo(Allocator)}
 *       into another allocator, and a {@link Copier} does either for several values while
 *       preserving the nodes they share. Only the nodes the source allocator owns are copied;
 *       elements and managed subtrees are shared.</li>
 * </ul>
 * <pre>{@code
 * PersistentVector<Long> kept;
 * try (ArenaAllocator arena = ArenaAllocator.create()) {
 *     try (AllocatorScope s = CurrentAllocator.use(arena)) {
 *         PersistentVector<Long> v = PersistentVector.empty(Codec.LONG);
 *         for (long i = 0; i < 1_000_000; i++) {
 *             v = v.appendLong(i);                  // native nodes, bump-allocated
 *         }
 *         kept = v.copyToHeap();                    // managed copy: survives the arena
 *     }
 *     arena.reset();                                // v is stale now: using it throws
 * }
 * kept.get(999_999);                                // fine
 * }</pre>
 *
 * @param <E> the element type
 */
public final class PersistentVector<E> extends AbstractList<E> implements RandomAccess, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final String WHAT = "PersistentVector";
    private static final PersistentVector<Object> EMPTY_OBJECTS = empty(ManagedVectorTrie.REFS, Codec.object());
    private static final PersistentVector<Long> EMPTY_LONGS = empty(ManagedVectorTrie.WORDS, Codec.LONG);
    private static final PersistentVector<Integer> EMPTY_INTS = empty(ManagedVectorTrie.WORDS, Codec.INT);
    private static final PersistentVector<Double> EMPTY_DOUBLES = empty(ManagedVectorTrie.WORDS, Codec.DOUBLE);

    /** The vector algorithms for this vector's node format: managed, or native in one allocator. */
    final transient VectorTrie trie;
    /** How the elements are stored. */
    final transient Codec<E> codec;
    /**
     * The position of element 0 in the trie: 0 but for a slice ({@link #subList}), whose trie
     * keeps the positions of the vector it was cut from (the leaves before it dropped).
     */
    final transient int origin;
    /** The number of elements. */
    final transient int size;
    /** The shift of the root's level: {@code 5} while the root's children are leaves, 5 more per level above. */
    final transient int shift;
    /** The root node as the object half of a node reference (managed nodes). */
    final transient Object root;
    /** The root node as the address half of a node reference (native nodes). */
    final transient long rootAddr;
    /** The tail leaf, the last 1 to 32 elements, as the object half of a node reference (managed nodes). */
    final transient Object tail;
    /** The tail leaf as the address half of a node reference (native nodes). */
    final transient long tailAddr;

    PersistentVector(VectorTrie trie, Codec<E> codec, int origin, int size, int shift, Object root, long rootAddr,
                     Object tail, long tailAddr) {
        this.trie = trie;
        this.codec = codec;
        this.origin = origin;
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
        return new PersistentVector<>(trie, codec, 0, 0, VectorTrie.BITS, root, rootA, r.obj, r.addr);
    }

    /**
     * The empty vector of objects.
     *
     * @param <E> the element type
     * @return the empty vector with {@link Codec#object()} (a shared constant)
     */
    @SuppressWarnings("unchecked")
    public static <E> PersistentVector<E> of() {
        return (PersistentVector<E>) EMPTY_OBJECTS;
    }

    /**
     * The empty vector whose elements {@code codec} encodes (a shared constant).
     *
     * @param <E>   the element type
     * @param codec how the elements are stored
     * @return the empty vector with {@code codec}
     */
    @SuppressWarnings("unchecked")
    public static <E> PersistentVector<E> empty(Codec<E> codec) {
        Objects.requireNonNull(codec, "codec");
        Object e = codec == Codec.LONG ? EMPTY_LONGS
                : codec == Codec.INT ? EMPTY_INTS
                : codec == Codec.DOUBLE ? EMPTY_DOUBLES
                : EMPTY_OBJECTS;
        return (PersistentVector<E>) e;
    }

    /**
     * A vector of objects holding {@code elements} in order (nulls allowed).
     *
     * @param <E>      the element type
     * @param elements the elements
     * @return a vector with {@link Codec#object()}, made under the current allocator
     */
    @SafeVarargs
    public static <E> PersistentVector<E> of(E... elements) {
        PersistentVector<E> empty = of();
        List<E> list = new ArrayList<>(elements.length);
        for (E e : elements) {
            list.add(e);
        }
        return empty.appendAll(list);
    }

    /**
     * A vector of inline {@code long}s.
     *
     * @param elements the elements, in order
     * @return a vector with {@link Codec#LONG}, made under the current allocator
     */
    public static PersistentVector<Long> ofLongs(long... elements) {
        if (elements.length == 0) {
            return EMPTY_LONGS;
        }
        if (elements.length <= VectorTrie.WIDTH) {
            VectorTrie t = EMPTY_LONGS.trie.forUpdate(true, WHAT);
            Ref out = new Ref();
            try {
                t.newLeaf(out, elements.length, null);
                for (int i = 0; i < elements.length; i++) {
                    t.setWord(out.obj, out.addr, i, elements[i]);
                }
            } catch (Throwable e) {
                out.rollback(e);
                throw e;
            }
            return new PersistentVector<>(t, Codec.LONG, 0, elements.length, VectorTrie.BITS,
                    EMPTY_LONGS.root, EMPTY_LONGS.rootAddr, out.obj, out.addr);
        }
        TransientVector<Long> t = EMPTY_LONGS.asTransient();
        try {
            for (long e : elements) {
                t.appendLong(e);
            }
            return t.persistent();
        } catch (Throwable e) {
            t.discard(e);
            throw e;
        }
    }

    /**
     * A vector of objects holding {@code elements} in iteration order.
     *
     * @param <E>      the element type
     * @param elements the elements
     * @return a vector with {@link Codec#object()}, made under the current allocator; {@code elements} itself if it
     *         is already such a vector
     */
    public static <E> PersistentVector<E> copyOf(Collection<? extends E> elements) {
        if (elements instanceof PersistentVector<?> v && v.codec == Codec.object()) {
            @SuppressWarnings("unchecked")
            PersistentVector<E> same = (PersistentVector<E>) v;
            return same;
        }
        PersistentVector<E> empty = of();
        return empty.appendAll(elements);
    }

    /**
     * A collector into a vector of objects. Safe for parallel streams.
     *
     * @param <E> the element type
     * @return a collector that makes a vector with {@link Codec#object()}, in encounter order
     */
    public static <E> Collector<E, ?, PersistentVector<E>> collector() {
        // An ArrayList accumulates: parallel streams combine partial results on other threads,
        // which a transient (confined to its thread) must refuse.
        return Collectors.collectingAndThen(Collectors.toCollection(ArrayList<E>::new), PersistentVector::copyOf);
    }

    /** {@return the codec of this vector's elements} */
    public Codec<E> codec() {
        return codec;
    }

    @Override
    public int size() {
        trie.checkLive(WHAT);
        return size;
    }

    @Override
    public E get(int index) {
        VectorTrie t = trie;
        t.checkLive(WHAT);
        if (t.inline) {
            return codec.decode(t.wordAt(index, origin, size, shift, root, rootAddr, tail, tailAddr));
        }
        @SuppressWarnings("unchecked")
        E e = (E) t.refAt(index, origin, size, shift, root, rootAddr, tail, tailAddr);
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
        VectorTrie t = trie;
        t.checkLive(WHAT);
        if (t.inline) {
            if (codec == Codec.DOUBLE) {
                throw new UnsupportedOperationException("getLong on a vector of doubles; use getDouble(" + index + ")");
            }
            return t.wordAt(index, origin, size, shift, root, rootAddr, tail, tailAddr);
        }
        return (Long) t.refAt(index, origin, size, shift, root, rootAddr, tail, tailAddr);
    }

    /**
     * Element {@code index} as a {@code double}, without boxing for a {@link Codec#DOUBLE} vector.
     *
     * @param index the element's position, {@code 0 <= index < size()}
     * @return the element
     * @throws IndexOutOfBoundsException     unless {@code 0 <= index < size()}
     * @throws UnsupportedOperationException for a {@link Codec#LONG} or {@link Codec#INT} vector
     * @throws ClassCastException            for an object vector whose element is not a {@link Double}
     */
    public double getDouble(int index) {
        trie.checkLive(WHAT);
        if (trie.inline) {
            if (codec != Codec.DOUBLE) {
                throw new UnsupportedOperationException("getDouble on a vector of " + codec.name() + "s; use getLong(" + index + ")");
            }
            return Double.longBitsToDouble(trie.wordAt(index, origin, size, shift, root, rootAddr, tail, tailAddr));
        }
        return (Double) trie.refAt(index, origin, size, shift, root, rootAddr, tail, tailAddr);
    }

    /**
     * This vector with {@code e} added at the end.
     *
     * @param e the element to add
     * @return a new vector one element longer; this one is unchanged
     */
    public PersistentVector<E> append(E e) {
        return appendElement(trie.inline ? codec.encode(e) : 0, e);
    }

    /**
     * This vector with {@code e} added at the end, without boxing.
     *
     * @param e the element to add
     * @return a new vector one element longer; this one is unchanged
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public PersistentVector<E> appendLong(long e) {
        requireLongCodec("appendLong");
        return appendElement(e, null);
    }

    /**
     * This vector with every element of {@code elements} added at the end, in iteration order.
     *
     * @param elements the elements to add
     * @return a new vector with the elements added; this vector itself if {@code elements} is empty
     */
    public PersistentVector<E> appendAll(Iterable<? extends E> elements) {
        trie.checkLive(WHAT);
        if (size == 0 && elements instanceof Collection<? extends E> c && c.size() <= VectorTrie.WIDTH) {
            return smallOf(c);
        }
        Iterator<? extends E> it = elements.iterator();
        if (!it.hasNext()) {
            return this;
        }
        TransientVector<E> t = asTransient();
        try {
            while (it.hasNext()) {
                t.append(it.next());
            }
            return t.persistent();
        } catch (Throwable e) {
            t.discard(e);
            throw e;
        }
    }

    /** Up to 32 elements: one exact tail leaf, the only node allocated. */
    private PersistentVector<E> smallOf(Collection<? extends E> c) {
        int n = c.size();
        if (n == 0) {
            return this;
        }
        VectorTrie t = trie.forUpdate(true, WHAT);
        Ref out = new Ref();
        try {
            t.newLeaf(out, n, null);
            int i = 0;
            for (E e : c) {
                if (i == n) {
                    throw new ConcurrentModificationException("the collection grew while it was copied");
                }
                t.setElement(out.obj, out.addr, i++, t.inline ? codec.encode(e) : 0, e);
            }
            if (i != n) {
                throw new ConcurrentModificationException("the collection shrank while it was copied");
            }
        } catch (Throwable e) {
            out.rollback(e);
            throw e;
        }
        return new PersistentVector<>(t, codec, 0, n, shift, root, rootAddr, out.obj, out.addr);
    }

    private PersistentVector<E> appendElement(long w, Object r) {
        VectorTrie t = trie.forUpdate(size == 0, WHAT);
        int end = origin + size;
        int tailCount = end - VectorTrie.tailOffset(end);
        if (tailCount < VectorTrie.WIDTH) {
            if (t.appendInPlace(tail, tailAddr, tailCount, w)) {
                return new PersistentVector<>(t, codec, origin, size + 1, shift, root, rootAddr, tail, tailAddr);
            }
            // The new tail is this append's only allocation: a failure frees that leaf alone (if
            // it was made), and the handler reads the register's fields but never passes the
            // register on, so the JIT can leave it out (32 bytes and 17% of a managed append).
            Ref out = new Ref();
            try {
                t.copyTailToAppend(out, tail, tailAddr, tailCount);
                t.setElement(out.obj, out.addr, tailCount, w, r);
            } catch (Throwable e) {
                t.discardNewLeaf(out.obj, out.addr, t.tailCapacityToAppend(tailCount), e);
                throw e;
            }
            return new PersistentVector<>(t, codec, origin, size + 1, shift, root, rootAddr, out.obj, out.addr);
        }
        Ref out = new Ref();
        try {
            int newShift = t.pushTailLeaf(out, end, shift, root, rootAddr, tail, tailAddr, null);
            Object newRoot = out.obj;
            long newRootA = out.addr;
            t.newLeaf(out, 1, null);
            t.setElement(out.obj, out.addr, 0, w, r);
            return new PersistentVector<>(t, codec, origin, size + 1, newShift, newRoot, newRootA, out.obj, out.addr);
        } catch (Throwable e) {
            out.rollback(e);
            throw e;
        }
    }

    /**
     * This vector with element {@code index} replaced by {@code e}.
     *
     * @param index the element's position
     * @param e     the new element
     * @return a new vector of the same size; this one is unchanged
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public PersistentVector<E> with(int index, E e) {
        trie.checkLive(WHAT);
        checkIndex(index);
        return withElement(index, trie.inline ? codec.encode(e) : 0, e);
    }

    /**
     * This vector with element {@code index} replaced by {@code e}, without boxing.
     *
     * @param index the element's position
     * @param e     the new element
     * @return a new vector of the same size; this one is unchanged
     * @throws IndexOutOfBoundsException     unless {@code 0 <= index < size()}
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public PersistentVector<E> withLong(int index, long e) {
        requireLongCodec("withLong");
        trie.checkLive(WHAT);
        checkIndex(index);
        return withElement(index, e, null);
    }

    private PersistentVector<E> withElement(int index, long w, Object r) {
        VectorTrie t = trie.forUpdate(false, WHAT);
        Ref out = new Ref();
        try {
            int end = origin + size;
            int tailOffset = VectorTrie.tailOffset(end);
            int p = origin + index;
            if (p >= tailOffset) {
                int tailCount = end - tailOffset;
                t.copyLeaf(out, tail, tailAddr, tailCount, tailCount, null);
                t.setElement(out.obj, out.addr, p & VectorTrie.MASK, w, r);
                return new PersistentVector<>(t, codec, origin, size, shift, root, rootAddr, out.obj, out.addr);
            }
            t.assoc(out, shift, root, rootAddr, p, w, r, null);
            return new PersistentVector<>(t, codec, origin, size, shift, out.obj, out.addr, tail, tailAddr);
        } catch (Throwable e) {
            out.rollback(e);
            throw e;
        }
    }

    /**
     * This vector without its last element.
     *
     * @return a vector one element shorter; this one is unchanged
     * @throws NoSuchElementException if the vector is empty
     */
    public PersistentVector<E> pop() {
        trie.checkLive(WHAT);
        if (size == 0) {
            throw new NoSuchElementException("pop() on an empty vector; check isEmpty() first");
        }
        VectorTrie t = trie.forUpdate(false, WHAT);
        if (size == 1) {
            return empty(codec);
        }
        Ref out = new Ref();
        try {
            int end = origin + size;
            int tailCount = end - VectorTrie.tailOffset(end);
            if (tailCount > 1) {
                if (t.popSharesTail()) {
                    return new PersistentVector<>(t, codec, origin, size - 1, shift, root, rootAddr, tail, tailAddr);
                }
                t.copyLeaf(out, tail, tailAddr, tailCount - 1, tailCount - 1, null);
                return new PersistentVector<>(t, codec, origin, size - 1, shift, root, rootAddr, out.obj, out.addr);
            }
            // The last trie leaf becomes the tail (shared: trie leaves are full and immutable).
            t.leafFor(out, end - 2, end, shift, root, rootAddr, tail, tailAddr);
            Object newTail = out.obj;
            long newTailA = out.addr;
            int newTailOffset = VectorTrie.tailOffset(end - 1);
            if (origin >= newTailOffset) {
                // A slice's first leaf becomes its tail: the trie keeps nothing of it, and
                // positions start again at that leaf.
                t.emptyRoot(out);
                return new PersistentVector<>(t, codec, origin - newTailOffset, size - 1, VectorTrie.BITS, out.obj, out.addr,
                        newTail, newTailA);
            }
            int newShift = t.popTailLeaf(out, end, shift, root, rootAddr, null);
            PersistentVector<E> result = new PersistentVector<>(t, codec, origin, size - 1, newShift, out.obj, out.addr, newTail, newTailA);
            // Frees a root this pop copied and then dropped (the trie lost a level).
            out.commit();
            return result;
        } catch (Throwable e) {
            out.rollback(e);
            throw e;
        }
    }

    /**
     * The elements from {@code fromIndex} (inclusive) to {@code toIndex} (exclusive) as a new
     * vector, not a view, in O(log n): it shares this vector's nodes but for one branch per level
     * on each side of the range, and a slice of more than one leaf keeps the positions it had in
     * this trie (an origin), so nothing moves. The leaves before the range are dropped from the
     * slice's trie, so it keeps at most 31 of this vector's other elements reachable (those
     * sharing a leaf with its first one). A range of at most 32 elements not at the start is
     * copied into a single leaf, as is any range of a native vector taken where its allocator is
     * not current (like a read, it works there, and the copy is made in the current allocator's
     * format). As this vector never changes, a copy and a view cannot be told apart but by cost.
     *
     * @throws IndexOutOfBoundsException if {@code fromIndex < 0} or {@code toIndex > size()}
     * @throws IllegalArgumentException  if {@code fromIndex > toIndex}
     */
    @Override
    public PersistentVector<E> subList(int fromIndex, int toIndex) {
        trie.checkLive(WHAT);
        if (fromIndex > toIndex) {
            throw new IllegalArgumentException("subList(" + fromIndex + ", " + toIndex + "): fromIndex > toIndex");
        }
        Objects.checkFromToIndex(fromIndex, toIndex, size);
        if (fromIndex == 0 && toIndex == size) {
            return this;
        }
        if (fromIndex == toIndex) {
            return empty(codec);
        }
        if ((fromIndex == 0 || toIndex - fromIndex > VectorTrie.WIDTH) && trie.sharableHere()) {
            return slice(origin + fromIndex, origin + toIndex);
        }
        // A short range, or a range of a native vector read outside its allocator (where a value
        // sharing its nodes could not be made): a copy, in the current allocator's format.
        TransientVector<E> t = empty(codec).asTransient();
        try {
            return fill(t, fromIndex, toIndex);
        } catch (Throwable e) {
            t.discard(e);
            throw e;
        }
    }

    /**
     * The elements at positions {@code from..to-1} ({@code origin <= from < to <= origin + size}),
     * sharing this vector's nodes: the leaf of {@code to - 1} becomes the tail (cut to that
     * element), and the trie keeps the leaves from that of {@code from} to the one before
     * ({@link VectorTrie#sliceLeaves}).
     */
    private PersistentVector<E> slice(int from, int to) {
        VectorTrie t = trie.forUpdate(false, WHAT);
        Ref out = new Ref();
        try {
            int end = origin + size;
            int tailOffset = VectorTrie.tailOffset(end);
            int newTailOffset = VectorTrie.tailOffset(to);
            Object newTail = tail;
            long newTailA = tailAddr;
            if (to <= tailOffset) {
                // The leaf holding the last kept element becomes the tail, cut to that element.
                t.leafFor(out, to - 1, end, shift, root, rootAddr, tail, tailAddr);
                t.copyLeaf(out, out.obj, out.addr, to - newTailOffset, to - newTailOffset, null);
                newTail = out.obj;
                newTailA = out.addr;
            } else if (to < end) {
                // The cut falls in the tail.
                t.copyLeaf(out, tail, tailAddr, to - tailOffset, to - tailOffset, null);
                newTail = out.obj;
                newTailA = out.addr;
            }
            if (newTailOffset <= from) {
                // Every kept element is in the tail: positions start again at its leaf.
                t.emptyRoot(out);
                return new PersistentVector<>(t, codec, from - newTailOffset, to - from, VectorTrie.BITS, out.obj, out.addr,
                        newTail, newTailA);
            }
            if (from == origin && to > tailOffset) {
                // The trie stays as it is.
                return new PersistentVector<>(t, codec, origin, to - from, shift, root, rootAddr, newTail, newTailA);
            }
            int newShift = t.sliceLeaves(out, from, newTailOffset, to <= tailOffset, shift, root, rootAddr);
            return new PersistentVector<>(t, codec, from - VectorTrie.sliceBase(from, newShift), to - from, newShift,
                    out.obj, out.addr, newTail, newTailA);
        } catch (Throwable e) {
            out.rollback(e);
            throw e;
        }
    }

    private PersistentVector<E> fill(TransientVector<E> t, int fromIndex, int toIndex) {
        Ref leaf = new Ref();
        int end = origin + size;
        for (int p = origin + fromIndex, last = origin + toIndex; p < last; ) {
            trie.leafFor(leaf, p, end, shift, root, rootAddr, tail, tailAddr);
            int leafEnd = Math.min(last, (p | VectorTrie.MASK) + 1);
            for (; p < leafEnd; p++) {
                int k = p & VectorTrie.MASK;
                if (trie.inline) {
                    t.addElement(trie.word(leaf.obj, leaf.addr, k), null);
                } else {
                    t.addElement(0, trie.ref(leaf.obj, leaf.addr, k));
                }
            }
        }
        return t.persistent();
    }

    /**
     * A transient copy: a builder that edits in place the nodes it creates. O(1). A transient of
     * a native value (or one that became native, used under a native allocator) can be used only
     * while that allocator is current.
     *
     * @return a new transient with this vector's elements, confined to the calling thread
     */
    public TransientVector<E> asTransient() {
        trie.checkLive(WHAT);
        return new TransientVector<>(this);
    }

    /**
     * This vector with its native nodes copied to managed ones: a value that survives the reset
     * or close of the allocator this one lives in. A managed vector is returned as is. Elements
     * are shared, not copied. Equivalent to {@code copyTo((Allocator) null)}.
     *
     * @return the managed copy, or this vector itself if it is managed
     * @throws IllegalStateException if this vector's allocator was reset or closed
     */
    public PersistentVector<E> copyToHeap() {
        return copyTo(Copier.toHeap());
    }

    /**
     * This vector copied into {@code target}: a native allocator (its nodes are allocated from
     * it directly, whatever is current), or {@code null} or a managed allocator for the managed
     * heap. Only the nodes this vector's allocator owns are copied; managed nodes and elements are
     * shared. A vector already in {@code target}'s memory, or a managed one, is returned as is.
     * To preserve sharing across several values, copy them with one {@link Copier}.
     *
     * @param target the allocator to copy into, or {@code null} for the managed heap
     * @return the copy, or this vector itself if it is already in {@code target}'s memory or managed
     * @throws IllegalStateException if this vector's allocator was reset or closed
     * @throws dev.arbor.api.AllocationFailedException if {@code target} refuses memory (nothing is left allocated)
     */
    public PersistentVector<E> copyTo(Allocator target) {
        return copyTo(Copier.to(target));
    }

    /**
     * This vector copied by {@code copier}, sharing the nodes it already copied (see
     * {@link Copier}).
     *
     * @param copier the copier that records the copied nodes
     * @return the copy, or this vector itself if it is already in the copier's target memory or managed
     * @throws IllegalStateException if this vector's allocator was reset or closed, or the copier broke
     */
    public PersistentVector<E> copyTo(Copier copier) {
        trie.checkLive(WHAT);
        Allocator source = trie.allocator();
        NativeAllocator target = (NativeAllocator) copier.target(); // Copier keeps native targets only
        if (source == null || NativeNodes.sameMemory(source, target)) {
            return this;
        }
        VectorTrie dst = target == null ? ManagedVectorTrie.of(trie.inline) : new NativeVectorTrie(trie.inline, target, trie.mixed());
        Ref out = new Ref();
        try {
            NodeMemo memo = CopierAccess.memos(copier).memo(source, trie.memory(), dst.memory());
            trie.copyNode(out, dst, memo, root, rootAddr, shift);
            Object newRoot = out.obj;
            long newRootA = out.addr;
            trie.copyNode(out, dst, memo, tail, tailAddr, 0);
            return new PersistentVector<>(dst, codec, origin, size, shift, newRoot, newRootA, out.obj, out.addr);
        } catch (Throwable e) {
            CopierAccess.memos(copier).markBroken();
            out.rollback(e);
            throw e;
        }
    }

    /**
     * {@inheritDoc} Against another {@code PersistentVector} with the same codec it compares the
     * two tries leaf by leaf (vectors of one size have one shape): words without boxing, and a
     * node both vectors share is equal without being read, so a vector and one made from it by a
     * few updates compare in the time of the paths that differ. Otherwise element by element, as
     * {@link AbstractList#equals} does.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof List<?>)) {
            return false;
        }
        trie.checkLive(WHAT);
        if (o instanceof PersistentVector<?> other && other.codec == codec) {
            other.trie.checkLive(WHAT);
            if (other.size != size) {
                return false;
            }
            if (other.shift == shift && other.origin == origin) {
                int end = origin + size;
                int tailOffset = VectorTrie.tailOffset(end);
                return (tailOffset <= origin
                        || trie.sameElements(root, rootAddr, other.trie, other.root, other.rootAddr, shift, origin, tailOffset))
                        && trie.sameElements(tail, tailAddr, other.trie, other.tail, other.tailAddr, 0,
                        Math.max(origin - tailOffset, 0), end - tailOffset);
            }
            if (trie.inline) {
                // Shapes differ (slices cut at other positions): pair the words, still unboxed.
                VectorIterator<E> mine = new VectorIterator<>(this);
                VectorIterator<?> theirs = new VectorIterator<>(other);
                for (int i = 0; i < size; i++) {
                    if (mine.nextWord() != theirs.nextWord()) {
                        return false;
                    }
                }
                return true;
            }
        }
        return super.equals(o);
    }

    /** {@inheritDoc} As {@link List} specifies; inline elements are hashed leaf by leaf, unboxed. */
    @Override
    public int hashCode() {
        trie.checkLive(WHAT);
        if (!trie.inline) {
            return super.hashCode();
        }
        boolean intWords = codec == Codec.INT;
        int[] h = {1};
        trie.walkLeaves(origin, origin + size, shift, root, rootAddr, tail, tailAddr,
                (leaf, a, from, to) -> h[0] = trie.hashWords(leaf, a, from, to, h[0], intWords));
        return h[0];
    }

    /**
     * {@inheritDoc} Leaf by leaf; for inline elements it compares words, without boxing, and an
     * object the codec does not accept (another type, or {@code null}) is absent at once.
     */
    @Override
    public int indexOf(Object o) {
        trie.checkLive(WHAT);
        if (trie.inline) {
            if (!codec.accepts(o)) {
                return -1;
            }
            @SuppressWarnings("unchecked")
            long w = codec.encode((E) o);
            Ref leaf = new Ref();
            int end = origin + size;
            for (int p = origin; p < end; ) {
                int first = p & ~VectorTrie.MASK;
                trie.leafFor(leaf, p, end, shift, root, rootAddr, tail, tailAddr);
                int k = trie.indexOfWord(leaf.obj, leaf.addr, p - first, Math.min(end - first, VectorTrie.WIDTH), w);
                if (k >= 0) {
                    return first + k - origin;
                }
                p = first + VectorTrie.WIDTH;
            }
            return -1;
        }
        VectorIterator<E> it = new VectorIterator<>(this);
        for (int i = 0; i < size; i++) {
            boolean found = Objects.equals(o, it.nextRef());
            // equals may have reset the allocator of a native vector: never read on after that.
            trie.checkLive(WHAT);
            if (found) {
                return i;
            }
        }
        return -1;
    }

    /** {@inheritDoc} From the end, leaf by leaf, as {@link #indexOf} does from the start. */
    @Override
    public int lastIndexOf(Object o) {
        trie.checkLive(WHAT);
        if (trie.inline && !codec.accepts(o)) {
            return -1;
        }
        @SuppressWarnings("unchecked")
        long w = trie.inline ? codec.encode((E) o) : 0;
        Ref leaf = new Ref();
        for (int p = origin + size - 1; p >= origin; ) {
            int first = p & ~VectorTrie.MASK;
            int from = Math.max(origin - first, 0);
            trie.leafFor(leaf, p, origin + size, shift, root, rootAddr, tail, tailAddr);
            if (trie.inline) {
                int k = trie.lastIndexOfWord(leaf.obj, leaf.addr, from, p - first + 1, w);
                if (k >= 0) {
                    return first + k - origin;
                }
            } else {
                for (int k = p - first; k >= from; k--) {
                    boolean found = Objects.equals(o, trie.ref(leaf.obj, leaf.addr, k));
                    trie.checkLive(WHAT);
                    if (found) {
                        return first + k - origin;
                    }
                }
            }
            p = first - 1;
        }
        return -1;
    }

    /** {@inheritDoc} {@link #indexOf}{@code (o) >= 0}. */
    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public Iterator<E> iterator() {
        return new VectorIterator<>(this);
    }

    /** {@inheritDoc} Walks leaf by leaf, without an iterator. */
    @Override
    public void forEach(Consumer<? super E> action) {
        Objects.requireNonNull(action, "action");
        trie.checkLive(WHAT);
        trie.walkLeaves(origin, origin + size, shift, root, rootAddr, tail, tailAddr, (leaf, a, from, to) -> {
            for (int k = from; k < to; k++) {
                @SuppressWarnings("unchecked")
                E e = trie.inline ? codec.decode(trie.word(leaf, a, k)) : (E) trie.ref(leaf, a, k);
                action.accept(e);
                // The action may have reset the allocator of a native vector: never read on after that.
                trie.checkLive(WHAT);
            }
        });
    }

    /**
     * Calls {@code action} with every element of a vector of longs, in order, without boxing and
     * without an iterator.
     *
     * @param action called with each element
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     * @throws IllegalStateException         if the vector is native and its allocator was reset or
     *                                       closed (also when {@code action} does so: the walk stops)
     */
    public void forEachLong(LongConsumer action) {
        Objects.requireNonNull(action, "action");
        requireLongCodec("forEachLong");
        trie.checkLive(WHAT);
        trie.walkLeaves(origin, origin + size, shift, root, rootAddr, tail, tailAddr,
                (leaf, a, from, to) -> trie.visitWords(leaf, a, from, to, action, WHAT));
    }

    private void checkIndex(int index) {
        // One unsigned comparison covers a negative index too.
        if (Integer.compareUnsigned(index, size) >= 0) {
            throw VectorTrie.outOfBounds(index, size);
        }
    }

    private void requireLongCodec(String op) {
        if (codec != Codec.LONG) {
            throw new UnsupportedOperationException(op + " needs a vector with Codec.LONG; this one has Codec."
                    + codec.name() + "; use the boxed method instead");
        }
    }

    /**
     * {@inheritDoc} It reads leaf by leaf (one trie descent per 32 elements, where a spliterator
     * of {@code get} calls descends for each) and splits its index range in halves at leaf
     * boundaries; {@code ORDERED}, {@code SIZED}, {@code SUBSIZED}, {@code IMMUTABLE}.
     */
    @Override
    public Spliterator<E> spliterator() {
        trie.checkLive(WHAT);
        return new VectorSpliterator<>(this, origin, origin + size);
    }

    /**
     * The elements of a vector of longs as a {@link LongStream}, without boxing: read leaf by
     * leaf, split at leaf boundaries as {@link #spliterator()} is.
     *
     * @return a sequential stream of the elements, in order
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public LongStream longStream() {
        requireLongCodec("longStream");
        trie.checkLive(WHAT);
        return StreamSupport.longStream(new VectorLongSpliterator<>(this, origin, origin + size), false);
    }

    /**
     * {@inheritDoc} A native vector whose allocator was reset or closed has nothing left to show:
     * instead of throwing, as every other method does, it returns a string that says so (so a
     * debugger or a log line that prints it still works).
     */
    @Override
    public String toString() {
        String stale = NativeNodes.staleDescription(() -> trie.checkLive(WHAT), WHAT);
        return stale != null ? stale : super.toString();
    }

    /**
     * Replaces this vector in a stream by its serial form: the codec, the size, then the elements in order as the
     * codec writes them.
     *
     * @return the serial form
     * @throws IllegalStateException if this vector is native and its allocator was reset or closed
     */
    @Serial
    private Object writeReplace() {
        trie.checkLive(WHAT);
        return new VectorForm(this);
    }

    /**
     * Refuses a stream that holds a vector's fields: a vector is read from its serial form only.
     *
     * @param in the stream
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a PersistentVector is read from its serial form (VectorForm) only");
    }
    // ---- java.util mutators: refused whether or not they would change anything, as Map.of's are ----

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final boolean add(E e) {
        throw Immutables.refused("PersistentVector", "add", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final void add(int index, E element) {
        throw Immutables.refused("PersistentVector", "add", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final E set(int index, E element) {
        throw Immutables.refused("PersistentVector", "set", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final E remove(int index) {
        throw Immutables.refused("PersistentVector", "remove", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final boolean remove(Object o) {
        throw Immutables.refused("PersistentVector", "remove", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final boolean addAll(Collection<? extends E> c) {
        throw Immutables.refused("PersistentVector", "addAll", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final boolean addAll(int index, Collection<? extends E> c) {
        throw Immutables.refused("PersistentVector", "addAll", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final boolean removeAll(Collection<?> c) {
        throw Immutables.refused("PersistentVector", "removeAll", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final boolean retainAll(Collection<?> c) {
        throw Immutables.refused("PersistentVector", "retainAll", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final boolean removeIf(Predicate<? super E> filter) {
        throw Immutables.refused("PersistentVector", "removeIf", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final void replaceAll(UnaryOperator<E> operator) {
        throw Immutables.refused("PersistentVector", "replaceAll", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final void sort(Comparator<? super E> c) {
        throw Immutables.refused("PersistentVector", "sort", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final void clear() {
        throw Immutables.refused("PersistentVector", "clear", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final void addFirst(E e) {
        throw Immutables.refused("PersistentVector", "addFirst", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final void addLast(E e) {
        throw Immutables.refused("PersistentVector", "addLast", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final E removeFirst() {
        throw Immutables.refused("PersistentVector", "removeFirst", "append, with, pop or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentVector is immutable (use append, with, pop or a transient) */
    @Override
    public final E removeLast() {
        throw Immutables.refused("PersistentVector", "removeLast", "append, with, pop or a transient");
    }
}
