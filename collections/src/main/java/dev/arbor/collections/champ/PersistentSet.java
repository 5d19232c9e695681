package dev.arbor.collections.champ;

import dev.arbor.api.Allocator;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.collections.Copier;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.CopierAccess;
import dev.arbor.collections.node.Immutables;
import dev.arbor.collections.node.NativeNodes;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

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
 * contract. Nodes come through {@link dev.arbor.api.heap.RoutingHeap}; the layouts are drawn in
 * {@code ManagedChampTrie} and {@code NativeChampTrie}.
 *
 * <p>It is {@link Serializable}: the stream holds the codecs and the elements (which must be
 * serializable for {@link Codec#object()}), never nodes or addresses. Reading it builds a new set
 * under the reading thread's current allocator, as {@code copyOf} does: managed with none current,
 * native under an arena. Serializing a native set whose allocator was reset or closed throws
 * {@link IllegalStateException}.
 *
 * <h2>Native values: the direction rule and copy-out</h2>
 * With a native allocator current (an arena, the debug allocator), every new node is a block of
 * that allocator. Native nodes may point to managed nodes (through the allocator's root table)
 * and to native nodes of the same allocator, never the reverse. So a native set can be read
 * anywhere while its allocator lives, but updated only while its allocator is current (otherwise
 * {@link IllegalStateException} names the allocator and the fix); a managed set updated under an
 * arena becomes a native set sharing the managed subtrees; and after the allocator's reset or
 * close every use throws. {@link #copyToHeap()}, {@link #copyTo(Allocator)} and {@link Copier}
 * copy the native nodes out (sharing preserved):
 * <pre>{@code
 * PersistentSet<String> seen;
 * try (AllocatorScope s = CurrentAllocator.use(arena)) {
 *     seen = PersistentSet.<String>empty(Codec.object()).plusAll(words).copyToHeap();
 * }
 * arena.reset();                                // seen is managed: still valid
 * }</pre>
 *
 * @param <E> the element type
 */
public final class PersistentSet<E> extends AbstractSet<E> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String WHAT = "PersistentSet";
    /** The CHAMP algorithms for this set's node format: managed, or native in one allocator. */
    final transient ChampTrie trie;
    /** How the elements are stored. */
    final transient Codec<E> codec;
    /** The number of elements. */
    final transient int size;
    /** The root node as the object half of a node reference (managed nodes). */
    final transient Object root;
    /** The root node as the address half of a node reference (native nodes). */
    final transient long rootAddr;
    /**
     * The root's words ({@link ChampTrie#words}) and header, kept so that a lookup starts two
     * dependent reads closer to its key. The root of a persistent value never changes.
     */
    private final transient Object rootWords;
    /** The root's header word (see {@link #rootWords}). */
    private final transient long rootHeader;
    /** Whether the nodes come from one bulk build, untouched since (see {@link ChampTrie#readsAhead}). */
    final transient boolean bulkBuilt;
    /** Cached hash code, computed on demand; races are benign as in {@link String#hashCode()}. */
    private transient int hash;
    /** Whether the hash code was computed and is 0, which {@link #hash} cannot tell from not computed. */
    private transient boolean hashIsZero;

    PersistentSet(ChampTrie trie, Codec<E> codec, int size, Object root, long rootAddr) {
        this(trie, codec, size, root, rootAddr, false);
    }

    PersistentSet(ChampTrie trie, Codec<E> codec, int size, Object root, long rootAddr, boolean bulkBuilt) {
        this.bulkBuilt = bulkBuilt;
        this.trie = trie;
        this.codec = codec;
        this.size = size;
        this.root = root;
        this.rootAddr = rootAddr;
        this.rootWords = trie.words(root, rootAddr);
        this.rootHeader = trie.headerIn(rootWords, rootAddr);
    }

    /**
     * The empty set whose elements {@code codec} encodes. Allocates nothing.
     *
     * @param <E>   the element type
     * @param codec how the elements are stored
     * @return an empty managed set with {@code codec}
     */
    public static <E> PersistentSet<E> empty(Codec<E> codec) {
        Objects.requireNonNull(codec, "codec");
        ChampTrie trie = ManagedChampTrie.of(codec, null);
        Op op = new Op(null);
        trie.empty(op);
        return new PersistentSet<>(trie, codec, 0, op.obj, op.addr);
    }

    /**
     * A set of objects holding {@code elements} (duplicates once).
     *
     * @param <E>      the element type
     * @param elements the elements
     * @return a set with {@link Codec#object()}, made under the current allocator
     */
    @SafeVarargs
    public static <E> PersistentSet<E> of(E... elements) {
        PersistentSet<E> s = empty(Codec.object());
        if (elements.length > 1 && elements.length <= 8) {
            // Few elements: one node if their first-level slots differ.
            Object[] refs = new Object[elements.length];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = elements[i];
            }
            ChampTrie t = s.trie.forUpdate(true, WHAT);
            Op op = new Op(null);
            try {
                if (t.tryRootOf(op, refs.length, new long[refs.length], refs, new long[refs.length], new Object[refs.length])) {
                    return new PersistentSet<>(t, s.codec, refs.length, op.obj, op.addr);
                }
            } catch (Throwable x) {
                op.rollback(x);
                throw x;
            }
        }
        TransientSet<E> t = s.asTransient();
        try {
            for (E e : elements) {
                t.add(e);
            }
            return t.persistent();
        } catch (Throwable x) {
            t.discard(x);
            throw x;
        }
    }

    /**
     * A set of inline {@code long}s.
     *
     * @param elements the elements (duplicates once)
     * @return a set with {@link Codec#LONG}, made under the current allocator
     */
    public static PersistentSet<Long> ofLongs(long... elements) {
        TransientSet<Long> t = empty(Codec.LONG).asTransient();
        try {
            for (long e : elements) {
                t.addLong(e);
            }
            return t.persistent();
        } catch (Throwable x) {
            t.discard(x);
            throw x;
        }
    }

    /**
     * A set of objects holding the elements of {@code elements}.
     *
     * @param <E>      the element type
     * @param elements the elements (duplicates once)
     * @return a set with {@link Codec#object()}, made under the current allocator; {@code elements} itself if it is
     *         already such a set
     */
    public static <E> PersistentSet<E> copyOf(Collection<? extends E> elements) {
        if (elements instanceof PersistentSet<?> p && p.codec == Codec.object()) {
            @SuppressWarnings("unchecked")
            PersistentSet<E> same = (PersistentSet<E>) p;
            return same;
        }
        return PersistentSet.<E>empty(Codec.object()).plusAll(elements);
    }

    /**
     * A collector into a set of objects. Safe for parallel streams.
     *
     * @param <E> the element type
     * @return a collector that makes a set with {@link Codec#object()}
     */
    public static <E> Collector<E, ?, PersistentSet<E>> collector() {
        // A list accumulates: a transient is confined to its thread, parallel streams combine on others.
        return Collectors.collectingAndThen(Collectors.toCollection(ArrayList<E>::new), PersistentSet::copyOf);
    }

    /** {@return the codec of the elements} */
    public Codec<E> codec() {
        return codec;
    }

    @Override
    public int size() {
        trie.checkLive(WHAT);
        return size;
    }

    @Override
    public boolean isEmpty() {
        trie.checkLive(WHAT);
        return size == 0;
    }

    @Override
    public boolean contains(Object o) {
        trie.checkLive(WHAT);
        if (!codec.accepts(o)) {
            return false;
        }
        long kw = word(o);
        trie.checkLiveAfterHash(WHAT);
        Found found = new Found();
        return trie.find(found, root, rootWords, rootAddr, rootHeader, kw, o, trie.hash(kw, o)) >= 0;
    }

    /**
     * Whether {@code e} is an element, without boxing.
     *
     * @param e the element to look up
     * @return {@code true} if {@code e} is an element
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public boolean containsLong(long e) {
        trie.checkLive(WHAT);
        requireLongs("containsLong");
        Found found = new Found();
        return trie.find(found, root, rootWords, rootAddr, rootHeader, e, null, trie.hash(e, null)) >= 0;
    }

    /**
     * This set with {@code e}; this set itself if {@code e} is already an element.
     *
     * @param e the element to add
     * @return a set with {@code e}; this set is unchanged
     */
    public PersistentSet<E> plus(E e) {
        return plusElement(ChampTrie.keyWordOf(codec, e), e);
    }

    /**
     * This set with {@code e}, without boxing.
     *
     * @param e the element to add
     * @return a set with {@code e}, or this set itself if {@code e} is already an element
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public PersistentSet<E> plusLong(long e) {
        requireLongs("plusLong");
        return plusElement(e, null);
    }

    /**
     * This set with every element of {@code elements}.
     *
     * <p>Given another {@code PersistentSet} with the same codec whose nodes the result may share
     * (both managed; or, under a native allocator, the other's nodes in its memory or managed), it
     * joins the two tries node by node: a subtree only
     * one set has is shared whole, and a subtree both share is not read, so joining a set with one
     * made from it costs the paths they do not share, and an empty set returns {@code elements}
     * itself. Any other collection is added element by element.
     *
     * @param elements the elements to add
     * @return a set with the elements added; this set itself if {@code elements} is empty
     */
    public PersistentSet<E> plusAll(Iterable<? extends E> elements) {
        trie.checkLive(WHAT);
        if (elements instanceof PersistentSet<? extends E> other) {
            PersistentSet<E> joined = plusAllByStructure(other);
            if (joined != null) {
                return joined;
            }
        }
        Iterator<? extends E> it = elements.iterator();
        if (!it.hasNext()) {
            return this;
        }
        TransientSet<E> t = asTransient();
        try {
            while (it.hasNext()) {
                t.add(it.next());
            }
            return t.persistent();
        } catch (Throwable x) {
            t.discard(x);
            throw x;
        }
    }

    /** {@link #plusAll} by structure, or {@code null} where the codecs or the formats differ. */
    private PersistentSet<E> plusAllByStructure(PersistentSet<? extends E> other) {
        other.trie.checkLive(WHAT);
        if (other.codec != codec) {
            return null;
        }
        if (other.size == 0) {
            return this;
        }
        ChampTrie t = TrieUnion.format(trie, other.trie, size == 0, WHAT);
        if (t == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        PersistentSet<E> same = (PersistentSet<E>) other;
        if (size == 0) {
            return same;
        }
        Op op = TrieUnion.plus(t, root, rootAddr, other.root, other.rootAddr);
        if (op.obj == root && op.addr == rootAddr) {
            return this;
        }
        return new PersistentSet<>(t, codec, size + op.addedKeys, op.obj, op.addr);
    }

    private PersistentSet<E> plusElement(long kw, Object kr) {
        ChampTrie t = trie.forUpdate(size == 0, WHAT);
        Op op = new Op(null);
        try {
            t.put(op, root, rootAddr, kw, kr, 0, null, t.hash(kw, kr), 0);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        op.commit();
        if (!op.added) {
            return this;
        }
        return new PersistentSet<>(t, codec, size + 1, op.obj, op.addr);
    }

    /**
     * This set without {@code o}; this set itself if {@code o} is not an element.
     *
     * @param o the element to remove; an object the codec cannot hold is not an element
     * @return a set without {@code o}
     */
    public PersistentSet<E> minus(Object o) {
        trie.checkLive(WHAT);
        if (!codec.accepts(o)) {
            return this;
        }
        return minusElement(word(o), o);
    }

    /**
     * This set without {@code e}, without boxing.
     *
     * @param e the element to remove
     * @return a set without {@code e}, or this set itself if {@code e} is not an element
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public PersistentSet<E> minusLong(long e) {
        requireLongs("minusLong");
        return minusElement(e, null);
    }

    /**
     * This set without any of {@code elements}; this set itself if none of them is an element.
     * Like {@link #minus}, it ignores what the codec cannot hold (a {@code String} for a
     * {@link Codec#LONG} set). The removals go through one transient: the nodes on the paths
     * they share are copied once, not once per removal, so k removals cost O(k log n) and make
     * about one node each (the node that loses the element), where k {@link #minus} calls would
     * each copy a whole path. If it fails (an allocation is refused, or iterating {@code elements}
     * throws), this set is unchanged and the nodes the removals made are freed.
     *
     * <p>Given a {@code PersistentSet} (or a persistent map's {@code keySet()}) with the same
     * codec, while new nodes of this set are made in its own format (managed with no native
     * allocator current, native under its own allocator), it walks both tries place by place
     * instead: a subtree both share goes without being copied, a subtree where the set holds
     * nothing stays shared, and a node is built again only where an element goes, so removing a set
     * made from this one costs the paths they do not share. A set of fewer than 1/32 as many
     * elements as this set goes element by element all the same, which is faster there.
     *
     * @param elements the elements to remove
     * @return a set without those elements
     * @throws NullPointerException if {@code elements} is null
     */
    public PersistentSet<E> minusAll(Iterable<?> elements) {
        Objects.requireNonNull(elements, "elements");
        trie.checkLive(WHAT);
        KeyTrie other = KeyTrie.of(elements, WHAT);
        if (KeyTrie.filtersByStructure(trie, codec, size, other, WHAT) && other.size() >= TrieFilter.minArgumentSize(size)) {
            return filtered(TrieFilter.minus(trie, root, rootAddr, other.trie(), other.root(), other.addr()));
        }
        Iterator<?> it = elements.iterator();
        if (size == 0 || !it.hasNext()) {
            return this;
        }
        return removeEach(it);
    }

    /**
     * The elements of this set that {@code elements} contains too (what {@code retainAll} leaves
     * of a {@code java.util} set); this set itself if it has no other. Its own element objects
     * stay.
     *
     * <p>Given a {@code PersistentSet} (or a persistent map's {@code keySet()}) with the same
     * codec, while new nodes of this set are made in its own format (managed with no native
     * allocator current, native under its own allocator), it walks both tries place by place: a
     * subtree both share stays without being read but for its headers, a subtree the other set does
     * not reach goes unread, and a node is built again only where some of its elements go. Any
     * other collection is asked {@code contains} once for each element of this set; then the others
     * are removed through one transient or, when fewer than half stay, the kept ones are built into
     * a new set. If it fails, this set is unchanged and the nodes it made are freed.
     *
     * @param elements the elements to keep
     * @return a set with only the elements {@code elements} contains
     * @throws NullPointerException if {@code elements} is null
     */
    public PersistentSet<E> intersect(Collection<?> elements) {
        Objects.requireNonNull(elements, "elements");
        trie.checkLive(WHAT);
        if (size == 0) {
            return this;
        }
        KeyTrie other = KeyTrie.of(elements, WHAT);
        if (KeyTrie.filtersByStructure(trie, codec, size, other, WHAT)) {
            return filtered(TrieFilter.retain(trie, root, rootAddr, size, other.trie(), other.root(), other.addr()));
        }
        if (elements.isEmpty()) {
            return empty(codec);
        }
        return retainEach(elements);
    }

    /**
     * {@link #intersect} element by element: one {@code contains} call per element, then the
     * cheaper of removing the others and building a set of the kept ones (removing most of a set
     * one by one makes a node per removal). {@link RetainPass} notes the others while few go, so
     * that removing them then needs no second pass over the set.
     */
    private PersistentSet<E> retainEach(Collection<?> elements) {
        // Every update's rule, whichever way this one then goes: a native value is updated only
        // where its allocator is current (this throws elsewhere, as minus would).
        trie.forUpdate(false, WHAT);
        RetainPass<E> pass = RetainPass.over(this, size, elements);
        if (pass.kept == size) {
            return this;
        }
        if (pass.kept == 0) {
            return empty(codec);
        }
        boolean rebuild = pass.kept < size / 2;
        TransientSet<E> t = (rebuild ? empty(codec) : this).asTransient();
        try {
            if (rebuild) {
                pass.forEachKept(this, t::add);
            } else {
                pass.forEachGone(this, t::remove);
            }
            return t.persistent();
        } catch (Throwable x) {
            t.discard(x);
            throw x;
        }
    }

    /** The set a {@link TrieFilter} operation made from this one. */
    private PersistentSet<E> filtered(Op op) {
        if (op.removedKeys == 0) {
            return this;
        }
        if (op.removedKeys == size) {
            return empty(codec);
        }
        return new PersistentSet<>(trie, codec, size - op.removedKeys, op.obj, op.addr);
    }

    /** This set without each element {@code it} yields, through one transient; this set itself if none was one. */
    private PersistentSet<E> removeEach(Iterator<?> it) {
        TransientSet<E> t = asTransient();
        try {
            while (it.hasNext()) {
                t.remove(it.next());
            }
            PersistentSet<E> result = t.persistent();
            // An absent element copies no node, so an unchanged size means an unchanged trie.
            return result.size == size ? this : result;
        } catch (Throwable x) {
            t.discard(x);
            throw x;
        }
    }

    private PersistentSet<E> minusElement(long kw, Object kr) {
        ChampTrie t = trie.forUpdate(size == 0, WHAT);
        Op op = new Op(null);
        try {
            t.remove(op, root, rootAddr, kw, kr, t.hash(kw, kr), 0);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        op.commit();
        if (!op.removed) {
            return this;
        }
        if (size == 1) {
            return empty(codec);
        }
        return new PersistentSet<>(t, codec, size - 1, op.obj, op.addr);
    }

    /**
     * A transient copy: a builder that edits in place the nodes it creates. O(1). A transient of
     * a native set (or one that became native, used under a native allocator) can be used only
     * while that allocator is current.
     *
     * @return a new transient with this set's elements, confined to the calling thread
     */
    public TransientSet<E> asTransient() {
        trie.checkLive(WHAT);
        return new TransientSet<>(this);
    }

    /**
     * This set with its native nodes copied to managed ones: a value that survives the reset or
     * close of the allocator this one lives in. A managed set is returned as is. Elements are
     * shared, not copied. Equivalent to {@code copyTo((Allocator) null)}.
     *
     * @return the managed copy, or this set itself if it is managed
     * @throws IllegalStateException if this set's allocator was reset or closed
     */
    public PersistentSet<E> copyToHeap() {
        return copyTo(Copier.toHeap());
    }

    /**
     * This set copied into {@code target}: a native allocator (its nodes are allocated from it
     * directly, whatever is current), or {@code null} or a managed allocator for the managed heap.
     * Only the nodes this set's allocator owns are copied; managed nodes and elements are shared.
     * A set already in {@code target}'s memory, or a managed one, is returned as is. To preserve
     * sharing across several values, copy them with one {@link Copier}.
     *
     * @param target the allocator to copy into, or {@code null} for the managed heap
     * @return the copy, or this set itself if it is already in {@code target}'s memory or managed
     * @throws IllegalStateException if this set's allocator was reset or closed
     * @throws dev.arbor.api.AllocationFailedException if {@code target} refuses memory (nothing is left allocated)
     */
    public PersistentSet<E> copyTo(Allocator target) {
        return copyTo(Copier.to(target));
    }

    /**
     * This set copied by {@code copier}, sharing the nodes it already copied (see {@link Copier}).
     *
     * @param copier the copier that records the copied nodes
     * @return the copy, or this set itself if it is already in the copier's target memory or managed
     * @throws IllegalStateException if this set's allocator was reset or closed, or the copier broke
     */
    public PersistentSet<E> copyTo(Copier copier) {
        trie.checkLive(WHAT);
        Allocator source = trie.allocator();
        NativeAllocator target = (NativeAllocator) copier.target(); // Copier keeps native targets only
        if (source == null || NativeNodes.sameMemory(source, target)) {
            return this;
        }
        ChampTrie dst = target == null ? ManagedChampTrie.of(codec, null) : new NativeChampTrie(codec, null, target, trie.mixed());
        Op op = new Op(null);
        try {
            trie.copyNode(op, dst, CopierAccess.memos(copier).memo(source, trie.memory(), dst.memory()), root, rootAddr, 0);
        } catch (Throwable e) {
            CopierAccess.memos(copier).markBroken();
            op.rollback(e);
            throw e;
        }
        return new PersistentSet<>(dst, codec, size, op.obj, op.addr);
    }

    /** {@inheritDoc} Walks the nodes directly, without an iterator. */
    @Override
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<? super E> action) {
        Objects.requireNonNull(action, "action");
        // The trie and its layout read once, not per element.
        ChampTrie t = trie;
        t.checkLive(WHAT);
        boolean inline = t.keyInline;
        t.walk(root, rootAddr, ChampTrie.readsAhead(size, bulkBuilt), (n, a, count) -> {
            for (int i = 0; i < count; i++) {
                action.accept(inline ? codec.decode(t.keyWord(n, a, i)) : (E) t.keyRef(n, a, i));
                // The action may have reset the allocator of a native set: never read on after that.
                t.checkLive(WHAT);
            }
        });
    }

    /**
     * Calls {@code action} with every element of a set of longs, without boxing.
     *
     * @param action called with each element
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public void forEachLong(LongConsumer action) {
        Objects.requireNonNull(action, "action");
        requireLongs("forEachLong");
        trie.checkLive(WHAT);
        trie.forEachWords(root, rootAddr, ChampTrie.readsAhead(size, bulkBuilt), (element, unused) -> action.accept(element), WHAT);
    }

    @Override
    public Iterator<E> iterator() {
        trie.checkLive(WHAT);
        Cursor c = new Cursor(trie, root, rootAddr, size);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return c.hasNext();
            }

            @Override
            public E next() {
                trie.checkLive(WHAT);
                c.advance();
                return element(c.node, c.addr, c.index);
            }
        };
    }

    /**
     * {@inheritDoc} It splits along the trie (sub-tries, without copying elements), so a
     * parallel stream's threads take disjoint parts of it; {@code DISTINCT}, {@code IMMUTABLE},
     * {@code SIZED} until split, not {@code ORDERED}.
     */
    @Override
    public Spliterator<E> spliterator() {
        trie.checkLive(WHAT);
        return new TrieSpliterator<>(trie, root, rootAddr, size, this::element, Spliterator.DISTINCT, WHAT);
    }

    /**
     * The elements of a set of longs as a {@link LongStream}, without boxing; it splits along the
     * trie as {@link #spliterator()} does.
     *
     * @return a sequential stream of the elements
     * @throws UnsupportedOperationException unless the codec is {@link Codec#LONG}
     */
    public LongStream longStream() {
        requireLongs("longStream");
        trie.checkLive(WHAT);
        return StreamSupport.longStream(new TrieSpliterator.OfWords(trie, root, rootAddr, size, false, WHAT), false);
    }

    @SuppressWarnings("unchecked")
    private E element(Object n, long a, int i) {
        return trie.keyInline ? codec.decode(trie.keyWord(n, a, i)) : (E) trie.keyRef(n, a, i);
    }

    /**
     * {@inheritDoc} Against another {@code PersistentSet} with the same codec it compares the two
     * tries node by node and skips every subtree they share, so a set and one made from it by a
     * few updates compare in the time of the paths that differ, not of their size, equal or not:
     * tries are canonical, so the first node where they differ proves the sets differ. With
     * different codecs, or against any other set but a persistent map's {@code keySet()} (compared
     * by structure too), it compares element by element, as
     * {@link AbstractSet#equals} does.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Set<?>)) {
            return false;
        }
        trie.checkLive(WHAT);
        if (o instanceof PersistentSet<?> other) {
            other.trie.checkLive(WHAT);
            if (other.size != size || hash != 0 && other.hash != 0 && hash != other.hash) {
                return false;
            }
            if (other.codec == codec) {
                return trie.sameEntries(root, rootAddr, other.trie, other.root, other.rootAddr, 0);
            }
        } else if (o instanceof PersistentMap<?, ?>.KeySet) {
            Boolean same = KeyTrie.sameKeys(this, o, WHAT);
            if (same != null) {
                return same;
            }
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        trie.checkLive(WHAT);
        int h = hash;
        if (h == 0 && !hashIsZero) {
            // Each element's hash is in its key word (an inline element's word, an object's
            // stored hash): one walk, no element's hashCode called, no user code between reads.
            ChampTrie t = trie;
            int[] sum = {0};
            t.walk(root, rootAddr, ChampTrie.readsAhead(size, bulkBuilt), (n, a, count) -> {
                int s = sum[0];
                for (int i = 0; i < count; i++) {
                    s += t.hash(t.keyWord(n, a, i), null);
                }
                sum[0] = s;
            });
            h = sum[0];
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
        return ChampTrie.keyWordOf(codec, (E) o);
    }

    private void requireLongs(String op) {
        if (codec != Codec.LONG) {
            throw new UnsupportedOperationException(op + " needs a set with Codec.LONG; this one has Codec."
                    + codec.name() + "; use the boxed method instead");
        }
    }

    /**
     * {@inheritDoc} A native set whose allocator was reset or closed has nothing left to show:
     * instead of throwing, as every other method does, it returns a string that says so (so a
     * debugger or a log line that prints it still works).
     */
    @Override
    public String toString() {
        String stale = NativeNodes.staleDescription(() -> trie.checkLive(WHAT), WHAT);
        return stale != null ? stale : super.toString();
    }

    /**
     * Replaces this set in a stream by its serial form: the codec, the size, then the elements in iteration order
     * as the codec writes them.
     *
     * @return the serial form
     * @throws IllegalStateException if this set is native and its allocator was reset or closed
     */
    @Serial
    private Object writeReplace() {
        trie.checkLive(WHAT);
        return new SetForm(this);
    }

    /**
     * Refuses a stream that holds a set's fields: a set is read from its serial form only.
     *
     * @param in the stream
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a PersistentSet is read from its serial form (SetForm) only");
    }
    // ---- java.util mutators: refused whether or not they would change anything, as Map.of's are ----

    /** @throws UnsupportedOperationException always: PersistentSet is immutable (use plus, minus or a transient) */
    @Override
    public final boolean add(E e) {
        throw Immutables.refused("PersistentSet", "add", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentSet is immutable (use plus, minus or a transient) */
    @Override
    public final boolean remove(Object o) {
        throw Immutables.refused("PersistentSet", "remove", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentSet is immutable (use plus, minus or a transient) */
    @Override
    public final boolean addAll(Collection<? extends E> c) {
        throw Immutables.refused("PersistentSet", "addAll", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentSet is immutable (use plus, minus or a transient) */
    @Override
    public final boolean removeAll(Collection<?> c) {
        throw Immutables.refused("PersistentSet", "removeAll", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentSet is immutable (use plus, minus or a transient) */
    @Override
    public final boolean retainAll(Collection<?> c) {
        throw Immutables.refused("PersistentSet", "retainAll", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentSet is immutable (use plus, minus or a transient) */
    @Override
    public final boolean removeIf(Predicate<? super E> filter) {
        throw Immutables.refused("PersistentSet", "removeIf", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentSet is immutable (use plus, minus or a transient) */
    @Override
    public final void clear() {
        throw Immutables.refused("PersistentSet", "clear", "plus, minus or a transient");
    }
}
