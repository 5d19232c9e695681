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
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * An immutable, structurally shared hash map: a canonical CHAMP trie. {@link #plus} and
 * {@link #minus} return new maps; lookups, {@code plus} and {@code minus} are O(log<sub>32</sub> n).
 *
 * <p>Keys and values are stored as {@linkplain Codec codec} words: a map made with
 * {@code empty(Codec.LONG, Codec.LONG)} holds no boxed objects, and {@link #getLong},
 * {@link #containsLong}, {@link #plusLong} and {@link #minusLong} never box.
 *
 * <p>It is a read-only {@link Map}: the {@code java.util} mutators throw
 * {@link UnsupportedOperationException}; {@code equals} and {@code hashCode} follow {@link Map}'s
 * contract, so the map equals any map with the same entries, whatever the insertion order or the
 * codecs. Nodes come through {@link dev.arbor.api.heap.RoutingHeap}; the layouts are drawn in
 * {@code ManagedChampTrie} and {@code NativeChampTrie}.
 *
 * <p>It is {@link Serializable}: the stream holds the codecs and the keys and values (which must
 * be serializable for {@link Codec#object()}), never nodes or addresses. Reading it builds a new
 * map under the reading thread's current allocator, as {@code copyOf} does: managed with none
 * current, native under an arena. Serializing a native map whose allocator was reset or closed
 * throws {@link IllegalStateException}.
 *
 * <h2>Native values: the direction rule and copy-out</h2>
 * With a native allocator current (an arena, the debug allocator), every new node is a block of
 * that allocator. Native nodes may point to managed nodes (through the allocator's root table)
 * and to native nodes of the same allocator, never the reverse. So a native map can be read
 * anywhere while its allocator lives, but updated only while its allocator is current (otherwise
 * {@link IllegalStateException} names the allocator and the fix); a managed map updated under an
 * arena becomes a native map sharing the managed subtrees; and after the allocator's reset or
 * close every use throws. {@link #copyToHeap()}, {@link #copyTo(Allocator)} and {@link Copier}
 * copy the native nodes out (sharing preserved), e.g. to keep a result past a reset:
 * <pre>{@code
 * PersistentMap<Long, Long> squares;
 * try (AllocatorScope s = CurrentAllocator.use(arena)) {
 *     TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
 *     for (long k : keys) {
 *         t.putLong(k, k * k);
 *     }
 *     squares = t.persistent().copyToHeap();    // managed: survives the reset
 * }
 * arena.reset();
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class PersistentMap<K, V> extends AbstractMap<K, V> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String WHAT = "PersistentMap";
    /** The CHAMP algorithms for this map's node format: managed, or native in one allocator. */
    final transient ChampTrie trie;
    /** How the keys are stored. */
    final transient Codec<K> keyCodec;
    /** How the values are stored. */
    final transient Codec<V> valueCodec;
    /** The number of entries. */
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

    PersistentMap(ChampTrie trie, Codec<K> keyCodec, Codec<V> valueCodec, int size, Object root, long rootAddr) {
        this(trie, keyCodec, valueCodec, size, root, rootAddr, false);
    }

    PersistentMap(ChampTrie trie, Codec<K> keyCodec, Codec<V> valueCodec, int size, Object root, long rootAddr,
                  boolean bulkBuilt) {
        this.bulkBuilt = bulkBuilt;
        this.trie = trie;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.size = size;
        this.root = root;
        this.rootAddr = rootAddr;
        this.rootWords = trie.words(root, rootAddr);
        this.rootHeader = trie.headerIn(rootWords, rootAddr);
    }

    /**
     * The empty map whose keys and values the given codecs encode. Allocates nothing.
     *
     * @param <K>        the key type
     * @param <V>        the value type
     * @param keyCodec   how the keys are stored
     * @param valueCodec how the values are stored
     * @return an empty managed map with these codecs
     */
    public static <K, V> PersistentMap<K, V> empty(Codec<K> keyCodec, Codec<V> valueCodec) {
        Objects.requireNonNull(keyCodec, "keyCodec");
        Objects.requireNonNull(valueCodec, "valueCodec");
        ChampTrie trie = ManagedChampTrie.of(keyCodec, valueCodec);
        Op op = new Op(null);
        trie.empty(op);
        return new PersistentMap<>(trie, keyCodec, valueCodec, 0, op.obj, op.addr);
    }

    /**
     * The empty map of objects.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @return an empty managed map with {@link Codec#object()} keys and values
     */
    public static <K, V> PersistentMap<K, V> of() {
        return empty(Codec.object(), Codec.object());
    }

    /**
     * A map of objects with one entry.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param k1  the key
     * @param v1  its value
     * @return a map with {@link Codec#object()} keys and values, made under the current allocator
     */
    public static <K, V> PersistentMap<K, V> of(K k1, V v1) {
        return PersistentMap.<K, V>of().plus(k1, v1);
    }

    /**
     * A map of objects with two entries (a later duplicate key wins).
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param k1  the first key
     * @param v1  its value
     * @param k2  the second key
     * @param v2  its value
     * @return a map with {@link Codec#object()} keys and values, made under the current allocator
     */
    public static <K, V> PersistentMap<K, V> of(K k1, V v1, K k2, V v2) {
        return ofPairs(new Object[] {k1, k2}, new Object[] {v1, v2});
    }

    /**
     * A map of objects with three entries (a later duplicate key wins).
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param k1  the first key
     * @param v1  its value
     * @param k2  the second key
     * @param v2  its value
     * @param k3  the third key
     * @param v3  its value
     * @return a map with {@link Codec#object()} keys and values, made under the current allocator
     */
    public static <K, V> PersistentMap<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3) {
        return ofPairs(new Object[] {k1, k2, k3}, new Object[] {v1, v2, v3});
    }

    /** One node when the keys' first-level slots differ, else one step per key. */
    @SuppressWarnings("unchecked")
    private static <K, V> PersistentMap<K, V> ofPairs(Object[] keys, Object[] values) {
        PersistentMap<K, V> m = of();
        ChampTrie t = m.trie.forUpdate(true, WHAT);
        Op op = new Op(null);
        try {
            if (t.tryRootOf(op, keys.length, new long[keys.length], keys, new long[keys.length], values)) {
                return new PersistentMap<>(t, m.keyCodec, m.valueCodec, keys.length, op.obj, op.addr);
            }
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        for (int i = 0; i < keys.length; i++) {
            m = m.plus((K) keys[i], (V) values[i]);
        }
        return m;
    }

    /**
     * A map of objects with the given entries, in any number (where {@link #of(Object, Object)}
     * and its siblings stop at three); a later duplicate key wins, as in {@code of}.
     *
     * @param <K>     the key type
     * @param <V>     the value type
     * @param entries the entries, in order
     * @return a map with {@link Codec#object()} keys and values, made under the current allocator
     * @throws NullPointerException if an entry is null
     */
    @SafeVarargs
    public static <K, V> PersistentMap<K, V> ofEntries(Map.Entry<? extends K, ? extends V>... entries) {
        TransientMap<K, V> m = PersistentMap.<K, V>of().asTransient();
        try {
            for (Map.Entry<? extends K, ? extends V> e : entries) {
                m.put(e.getKey(), e.getValue());
            }
            return m.persistent();
        } catch (Throwable x) {
            m.discard(x);
            throw x;
        }
    }

    /**
     * A map of objects with the entries of {@code map}.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param map the entries
     * @return a map with {@link Codec#object()} keys and values, made under the current allocator; {@code map}
     *         itself if it is already such a map
     */
    public static <K, V> PersistentMap<K, V> copyOf(Map<? extends K, ? extends V> map) {
        if (map instanceof PersistentMap<?, ?> p && p.keyCodec == Codec.object() && p.valueCodec == Codec.object()) {
            @SuppressWarnings("unchecked")
            PersistentMap<K, V> same = (PersistentMap<K, V>) p;
            return same;
        }
        return PersistentMap.<K, V>of().plusAll(map);
    }

    /**
     * A collector into a map of objects; a later duplicate key wins. Safe for parallel streams.
     *
     * @param <T>         the stream's element type
     * @param <K>         the key type
     * @param <V>         the value type
     * @param keyMapper   makes an element's key
     * @param valueMapper makes an element's value
     * @return a collector that makes a map with {@link Codec#object()} keys and values
     */
    public static <T, K, V> Collector<T, ?, PersistentMap<K, V>> collector(
            Function<? super T, ? extends K> keyMapper, Function<? super T, ? extends V> valueMapper) {
        // Pairs accumulate in lists: a transient is confined to one thread, while parallel
        // streams combine partial results on others.
        return Collectors.collectingAndThen(
                Collectors.mapping((T t) -> new SimpleImmutableEntry<K, V>(keyMapper.apply(t), valueMapper.apply(t)),
                        Collectors.toCollection(ArrayList::new)),
                entries -> {
                    TransientMap<K, V> m = PersistentMap.<K, V>of().asTransient();
                    try {
                        for (Map.Entry<K, V> e : entries) {
                            m.put(e.getKey(), e.getValue());
                        }
                        return m.persistent();
                    } catch (Throwable x) {
                        m.discard(x);
                        throw x;
                    }
                });
    }

    /** {@return the codec of the keys} */
    public Codec<K> keyCodec() {
        return keyCodec;
    }

    /** {@return the codec of the values} */
    public Codec<V> valueCodec() {
        return valueCodec;
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
    public boolean containsKey(Object key) {
        trie.checkLive(WHAT);
        if (!keyCodec.accepts(key)) {
            return false;
        }
        long kw = keyWord(key);
        trie.checkLiveAfterHash(WHAT);
        Found found = new Found();
        return trie.find(found, root, rootWords, rootAddr, rootHeader, kw, key, trie.hash(kw, key)) >= 0;
    }

    @Override
    public V get(Object key) {
        return getOrDefault(key, null);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        trie.checkLive(WHAT);
        if (!keyCodec.accepts(key)) {
            return defaultValue;
        }
        long kw = keyWord(key);
        trie.checkLiveAfterHash(WHAT);
        Found found = new Found();
        int i = trie.find(found, root, rootWords, rootAddr, rootHeader, kw, key, trie.hash(kw, key));
        return i < 0 ? defaultValue : value(found, i);
    }

    /**
     * Whether {@code key} is a key, without boxing.
     *
     * @param key the key to look up
     * @return {@code true} if this map has an entry for {@code key}
     * @throws UnsupportedOperationException unless the key codec is {@link Codec#LONG}
     */
    public boolean containsLong(long key) {
        trie.checkLive(WHAT);
        requireLongKeys("containsLong");
        Found found = new Found();
        return trie.find(found, root, rootWords, rootAddr, rootHeader, key, null, trie.hash(key, null)) >= 0;
    }

    /**
     * The value of {@code key}, without boxing.
     *
     * @param key the key to look up
     * @return the value {@code key} maps to
     * @throws NoSuchElementException        if {@code key} is absent (see {@link #getLongOrDefault})
     * @throws UnsupportedOperationException unless both codecs are {@link Codec#LONG}
     */
    public long getLong(long key) {
        trie.checkLive(WHAT);
        requireLongs("getLong");
        Found found = new Found();
        int i = trie.find(found, root, rootWords, rootAddr, rootHeader, key, null, trie.hash(key, null));
        if (i < 0) {
            throw new NoSuchElementException("key " + key + " is absent; use getLongOrDefault or containsLong");
        }
        return trie.valWordIn(found.words, found.addr, i);
    }

    /**
     * The value of {@code key}, or {@code ifAbsent}, without boxing.
     *
     * @param key      the key to look up
     * @param ifAbsent what to return if {@code key} is absent
     * @return the value {@code key} maps to, or {@code ifAbsent}
     * @throws UnsupportedOperationException unless both codecs are {@link Codec#LONG}
     */
    public long getLongOrDefault(long key, long ifAbsent) {
        trie.checkLive(WHAT);
        requireLongs("getLongOrDefault");
        Found found = new Found();
        int i = trie.find(found, root, rootWords, rootAddr, rootHeader, key, null, trie.hash(key, null));
        return i < 0 ? ifAbsent : trie.valWordIn(found.words, found.addr, i);
    }

    /**
     * This map with {@code key} mapped to {@code value}; this map itself if it already was.
     *
     * @param key   the key
     * @param value its new value
     * @return a map with the entry; this map is unchanged
     */
    public PersistentMap<K, V> plus(K key, V value) {
        long kw = ChampTrie.keyWordOf(keyCodec, key);
        long vw = valueCodec.isInline() ? valueCodec.encode(value) : 0;
        return plusEntry(kw, key, vw, value);
    }

    /**
     * This map with {@code key} mapped to {@code value}, without boxing.
     *
     * @param key   the key
     * @param value its new value
     * @return a map with the entry, or this map itself if {@code key} already mapped to {@code value}
     * @throws UnsupportedOperationException unless both codecs are {@link Codec#LONG}
     */
    public PersistentMap<K, V> plusLong(long key, long value) {
        requireLongs("plusLong");
        return plusEntry(key, null, value, null);
    }

    /**
     * This map with {@code value} merged in at {@code key}, as {@link Map#merge} merges into a
     * mutable map: {@code key} mapped to {@code value} if it is absent (or maps to {@code null}),
     * else to {@code merge.apply(old, value)}, and removed if that returns {@code null}; this map
     * itself if nothing changes. For instance {@code counts = counts.plus(word, 1, Integer::sum)}.
     * For {@code long -> long} maps {@link #plusLong(long, long, LongBinaryOperator)} does the
     * same without boxing.
     *
     * @param key   the key
     * @param value the value to merge in
     * @param merge makes the new value from the old one and {@code value}; {@code null} removes the key
     * @return the map after the merge, or this map itself if nothing changes
     * @throws NullPointerException  if {@code value} or {@code merge} is null
     * @throws IllegalStateException if {@code merge} reset or closed this native map's allocator
     */
    public PersistentMap<K, V> plus(K key, V value, BiFunction<? super V, ? super V, ? extends V> merge) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(merge, "merge");
        trie.checkLive(WHAT);
        long kw = ChampTrie.keyWordOf(keyCodec, key);
        trie.checkLiveAfterHash(WHAT);
        return mergeEntry(MergeOp.of(valueCodec, value, merge), kw, key);
    }

    /**
     * {@link #plus(Object, Object, BiFunction)} without boxing: this map with {@code key} mapped
     * to {@code value} if absent, else to {@code merge.applyAsLong(old, value)}. For instance
     * {@code counts = counts.plusLong(id, 1, Long::sum)}.
     *
     * @param key   the key
     * @param value the value to merge in
     * @param merge makes the new value from the old one and {@code value}
     * @return the map after the merge, or this map itself if nothing changes
     * @throws UnsupportedOperationException unless both codecs are {@link Codec#LONG}
     */
    public PersistentMap<K, V> plusLong(long key, long value, LongBinaryOperator merge) {
        Objects.requireNonNull(merge, "merge");
        requireLongs("plusLong");
        return mergeEntry(MergeOp.ofLongs(value, merge), key, null);
    }

    /**
     * This map with every entry of {@code map} added (replacing existing values, keeping the
     * existing keys, as {@link Map#putAll} does).
     *
     * <p>Given another {@code PersistentMap} with the same codecs whose nodes the result may
     * share (both managed; or, under a native allocator, the other's nodes in its memory or
     * managed), it joins the two tries node by node: a subtree
     * only one map has is shared whole, and a subtree both share is not read, so joining a map with
     * one made from it costs the paths they do not share, and an empty map returns {@code map}
     * itself. Any other map is added entry by entry.
     *
     * @param map the entries to add
     * @return a map with the entries added, or this map itself if {@code map} is empty
     */
    public PersistentMap<K, V> plusAll(Map<? extends K, ? extends V> map) {
        trie.checkLive(WHAT);
        if (map.isEmpty()) {
            return this;
        }
        if (map instanceof PersistentMap<? extends K, ? extends V> other) {
            PersistentMap<K, V> joined = plusAllByStructure(other);
            if (joined != null) {
                return joined;
            }
        }
        TransientMap<K, V> t = asTransient();
        try {
            for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
                t.put(e.getKey(), e.getValue());
            }
            return t.persistent();
        } catch (Throwable x) {
            t.discard(x);
            throw x;
        }
    }

    /** {@link #plusAll} by structure, or {@code null} where the codecs or the formats differ. */
    private PersistentMap<K, V> plusAllByStructure(PersistentMap<? extends K, ? extends V> other) {
        other.trie.checkLive(WHAT);
        if (other.keyCodec != keyCodec || other.valueCodec != valueCodec) {
            return null;
        }
        ChampTrie t = TrieUnion.format(trie, other.trie, size == 0, WHAT);
        if (t == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        PersistentMap<K, V> same = (PersistentMap<K, V>) other;
        if (size == 0) {
            return same;
        }
        Op op = TrieUnion.plus(t, root, rootAddr, other.root, other.rootAddr);
        if (op.obj == root && op.addr == rootAddr) {
            return this;
        }
        return new PersistentMap<>(t, keyCodec, valueCodec, size + op.addedKeys, op.obj, op.addr);
    }

    private PersistentMap<K, V> plusEntry(long kw, Object kr, long vw, Object vr) {
        return put(new Op(null), kw, kr, vw, vr);
    }

    /** This map with the merge {@code op} applied at the key {@code (kw, kr)}, in one descent. */
    private PersistentMap<K, V> mergeEntry(MergeOp op, long kw, Object kr) {
        PersistentMap<K, V> result = put(op, kw, kr, op.givenWord(), op.given());
        // The merge returned null: put changed nothing, and the key goes.
        return op.removeKey ? minusKey(kw, kr) : result;
    }

    /** This map with the entry put through the register {@code op}. */
    private PersistentMap<K, V> put(Op op, long kw, Object kr, long vw, Object vr) {
        ChampTrie t = trie.forUpdate(size == 0, WHAT);
        try {
            t.put(op, root, rootAddr, kw, kr, vw, vr, t.hash(kw, kr), 0);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        op.commit();
        if (!op.changed()) {
            return this;
        }
        return new PersistentMap<>(t, keyCodec, valueCodec, op.added ? size + 1 : size, op.obj, op.addr);
    }

    /**
     * This map without {@code key}; this map itself if {@code key} is absent.
     *
     * @param key the key to remove; an object the key codec cannot hold is absent
     * @return a map without {@code key}
     */
    public PersistentMap<K, V> minus(Object key) {
        trie.checkLive(WHAT);
        if (!keyCodec.accepts(key)) {
            return this;
        }
        long kw = keyWord(key);
        return minusKey(kw, key);
    }

    /**
     * This map without {@code key}, without boxing.
     *
     * @param key the key to remove
     * @return a map without {@code key}, or this map itself if {@code key} is absent
     * @throws UnsupportedOperationException unless the key codec is {@link Codec#LONG}
     */
    public PersistentMap<K, V> minusLong(long key) {
        requireLongKeys("minusLong");
        return minusKey(key, null);
    }

    /**
     * This map without any of {@code keys}; this map itself if none of them is a key.
     * Like {@link #minus}, it ignores what the key codec cannot hold (a {@code String} for a
     * {@link Codec#LONG} map). The removals go through one transient: the nodes on the paths
     * they share are copied once, not once per removal, so k removals cost O(k log n) and make
     * about one node each (the node that loses the entry), where k {@link #minus} calls would
     * each copy a whole path. If it fails (an allocation is refused, or iterating {@code keys}
     * throws), this map is unchanged and the nodes the removals made are freed.
     *
     * <p>Given a {@code PersistentSet} (or a persistent map's {@code keySet()}) with the same codec
     * as the keys, while new nodes of this map are made in its own format (managed with no native
     * allocator current, native under its own allocator), it walks both tries place by place
     * instead: a subtree both share goes without being copied, a subtree where the set holds
     * nothing stays shared, and a node is built again only where a key goes, so removing a set made
     * from this one costs the paths they do not share. A set of fewer than 1/32 as many keys as
     * this map goes key by key all the same, which is faster there.
     *
     * @param keys the keys to remove
     * @return a map without those keys
     * @throws NullPointerException if {@code keys} is null
     */
    public PersistentMap<K, V> minusAll(Iterable<?> keys) {
        Objects.requireNonNull(keys, "keys");
        trie.checkLive(WHAT);
        KeyTrie other = KeyTrie.of(keys, WHAT);
        if (KeyTrie.filtersByStructure(trie, keyCodec, size, other, WHAT) && other.size() >= TrieFilter.minArgumentSize(size)) {
            return filtered(TrieFilter.minus(trie, root, rootAddr, other.trie(), other.root(), other.addr()));
        }
        Iterator<?> it = keys.iterator();
        if (size == 0 || !it.hasNext()) {
            return this;
        }
        return removeEach(it);
    }

    /**
     * The entries of this map whose keys {@code keys} contains (what {@code keySet().retainAll}
     * leaves of a {@code java.util} map); this map itself if it has no other.
     *
     * <p>Given a {@code PersistentSet} (or a persistent map's {@code keySet()}) with the keys'
     * codec, while new nodes of this map are made in its own format (managed with no native
     * allocator current, native under its own allocator), it walks both tries place by place: a
     * subtree the set does not reach goes unread, and a node is built again only where some of its
     * entries go. Any other collection is asked {@code contains} once for each key of this map;
     * then the other entries are removed through one transient or, when fewer than half stay, the
     * kept ones are built into a new map. If it fails, this map is unchanged and the nodes it made
     * are freed.
     *
     * @param keys the keys to keep
     * @return a map with only the entries whose keys {@code keys} contains
     * @throws NullPointerException if {@code keys} is null
     */
    public PersistentMap<K, V> intersectKeys(Collection<?> keys) {
        Objects.requireNonNull(keys, "keys");
        trie.checkLive(WHAT);
        if (size == 0) {
            return this;
        }
        KeyTrie other = KeyTrie.of(keys, WHAT);
        if (KeyTrie.filtersByStructure(trie, keyCodec, size, other, WHAT)) {
            return filtered(TrieFilter.retain(trie, root, rootAddr, size, other.trie(), other.root(), other.addr()));
        }
        if (keys.isEmpty()) {
            return empty(keyCodec, valueCodec);
        }
        return retainEach(keys);
    }

    /**
     * {@link #intersectKeys} key by key: one {@code contains} call per key, then the cheaper of
     * removing the other entries from this map and building a map of the kept ones (removing most
     * of a map one by one makes a node per removal).
     */
    private PersistentMap<K, V> retainEach(Collection<?> keys) {
        // Every update's rule, whichever way this one then goes: a native value is updated only
        // where its allocator is current (this throws elsewhere, as minus would).
        trie.forUpdate(false, WHAT);
        RetainPass<K> pass = RetainPass.over(keySet(), size, keys);
        if (pass.kept == size) {
            return this;
        }
        if (pass.kept == 0) {
            return empty(keyCodec, valueCodec);
        }
        boolean rebuild = pass.kept < size / 2;
        TransientMap<K, V> t = (rebuild ? empty(keyCodec, valueCodec) : this).asTransient();
        try {
            if (rebuild) {
                pass.forEachKept(entrySet(), e -> t.put(e.getKey(), e.getValue()));
            } else {
                pass.forEachGone(keySet(), t::remove);
            }
            return t.persistent();
        } catch (Throwable x) {
            t.discard(x);
            throw x;
        }
    }

    /** The map a {@link TrieFilter} operation made from this one. */
    private PersistentMap<K, V> filtered(Op op) {
        if (op.removedKeys == 0) {
            return this;
        }
        if (op.removedKeys == size) {
            return empty(keyCodec, valueCodec);
        }
        return new PersistentMap<>(trie, keyCodec, valueCodec, size - op.removedKeys, op.obj, op.addr);
    }

    /** This map without each key {@code it} yields, through one transient; this map itself if none was one. */
    private PersistentMap<K, V> removeEach(Iterator<?> it) {
        TransientMap<K, V> t = asTransient();
        try {
            while (it.hasNext()) {
                t.remove(it.next());
            }
            PersistentMap<K, V> result = t.persistent();
            // A key that is absent copies no node, so an unchanged size means an unchanged trie.
            return result.size == size ? this : result;
        } catch (Throwable x) {
            t.discard(x);
            throw x;
        }
    }

    private PersistentMap<K, V> minusKey(long kw, Object kr) {
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
            return empty(keyCodec, valueCodec);
        }
        return new PersistentMap<>(t, keyCodec, valueCodec, size - 1, op.obj, op.addr);
    }

    /**
     * A transient copy: a builder that edits in place the nodes it creates. O(1). A transient of
     * a native map (or one that became native, used under a native allocator) can be used only
     * while that allocator is current.
     *
     * @return a new transient with this map's entries, confined to the calling thread
     */
    public TransientMap<K, V> asTransient() {
        trie.checkLive(WHAT);
        return new TransientMap<>(this);
    }

    /**
     * This map with its native nodes copied to managed ones: a value that survives the reset or
     * close of the allocator this one lives in. A managed map is returned as is. Keys and values
     * are shared, not copied. Equivalent to {@code copyTo((Allocator) null)}.
     *
     * @return the managed copy, or this map itself if it is managed
     * @throws IllegalStateException if this map's allocator was reset or closed
     */
    public PersistentMap<K, V> copyToHeap() {
        return copyTo(Copier.toHeap());
    }

    /**
     * This map copied into {@code target}: a native allocator (its nodes are allocated from it
     * directly, whatever is current), or {@code null} or a managed allocator for the managed heap.
     * Only the nodes this map's allocator owns are copied; managed nodes, keys and values are
     * shared. A map already in {@code target}'s memory, or a managed one, is returned as is. To
     * preserve sharing across several values, copy them with one {@link Copier}.
     *
     * @param target the allocator to copy into, or {@code null} for the managed heap
     * @return the copy, or this map itself if it is already in {@code target}'s memory or managed
     * @throws IllegalStateException if this map's allocator was reset or closed
     * @throws dev.arbor.api.AllocationFailedException if {@code target} refuses memory (nothing is left allocated)
     */
    public PersistentMap<K, V> copyTo(Allocator target) {
        return copyTo(Copier.to(target));
    }

    /**
     * This map copied by {@code copier}, sharing the nodes it already copied (see {@link Copier}).
     *
     * @param copier the copier that records the copied nodes
     * @return the copy, or this map itself if it is already in the copier's target memory or managed
     * @throws IllegalStateException if this map's allocator was reset or closed, or the copier broke
     */
    public PersistentMap<K, V> copyTo(Copier copier) {
        trie.checkLive(WHAT);
        Allocator source = trie.allocator();
        NativeAllocator target = (NativeAllocator) copier.target(); // Copier keeps native targets only
        if (source == null || NativeNodes.sameMemory(source, target)) {
            return this;
        }
        ChampTrie dst = target == null ? ManagedChampTrie.of(keyCodec, valueCodec)
                : new NativeChampTrie(keyCodec, valueCodec, target, trie.mixed());
        Op op = new Op(null);
        try {
            trie.copyNode(op, dst, CopierAccess.memos(copier).memo(source, trie.memory(), dst.memory()), root, rootAddr, 0);
        } catch (Throwable e) {
            CopierAccess.memos(copier).markBroken();
            op.rollback(e);
            throw e;
        }
        return new PersistentMap<>(dst, keyCodec, valueCodec, size, op.obj, op.addr);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new EntrySet();
    }

    /**
     * {@inheritDoc} A read-only view whose iterator makes no entry objects; given to
     * {@code minusAll} or {@code intersect} of a persistent map or set, it is walked as a trie, as
     * a {@link PersistentSet} would be.
     */
    @Override
    public Set<K> keySet() {
        return new KeySet();
    }

    /**
     * {@inheritDoc} For inline values it compares words node by node in one walk, without boxing
     * and without entry objects, and a value the codec does not accept (another type, or {@code null}) is
     * absent at once; otherwise it asks {@code equals} of each value in turn, as {@code java.util}
     * maps do. O(n) either way, stopping at the first match.
     */
    @Override
    public boolean containsValue(Object value) {
        trie.checkLive(WHAT);
        if (!trie.valInline) {
            return values().contains(value);
        }
        if (!valueCodec.accepts(value)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        long w = valueCodec.encode((V) value);
        ChampTrie t = trie;
        try {
            t.walk(root, rootAddr, ChampTrie.readsAhead(size, bulkBuilt), (n, a, count) -> {
                for (int i = 0; i < count; i++) {
                    if (t.valWord(n, a, i) == w) {
                        throw WalkStop.INSTANCE;
                    }
                }
            });
            return false;
        } catch (WalkStop found) {
            return true;
        }
    }

    /** {@inheritDoc} A read-only view whose iterator makes no entry objects. */
    @Override
    public Collection<V> values() {
        return new ReadOnlyViews.CollectionView<>("values()") {
            @Override
            public int size() {
                return PersistentMap.this.size();
            }

            @Override
            public Iterator<V> iterator() {
                return iterate(PersistentMap.this::value);
            }

            @Override
            public Spliterator<V> spliterator() {
                return split(PersistentMap.this::value, 0);
            }
        };
    }

    /** {@inheritDoc} Walks the nodes directly: no entry objects are made. */
    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        Objects.requireNonNull(action, "action");
        // The trie and its layout are read once into locals, not per entry.
        ChampTrie t = trie;
        t.checkLive(WHAT);
        boolean keyInline = t.keyInline;
        boolean valInline = t.valInline;
        t.walk(root, rootAddr, ChampTrie.readsAhead(size, bulkBuilt), (n, a, count) -> {
            for (int i = 0; i < count; i++) {
                @SuppressWarnings("unchecked")
                K k = keyInline ? keyCodec.decode(t.keyWord(n, a, i)) : (K) t.keyRef(n, a, i);
                @SuppressWarnings("unchecked")
                V v = valInline ? valueCodec.decode(t.valWord(n, a, i)) : (V) t.valRef(n, a, i);
                action.accept(k, v);
                // The action may have reset the allocator of a native map: never read on after that.
                t.checkLive(WHAT);
            }
        });
    }

    /**
     * The keys of a map with {@link Codec#LONG} keys as a {@link LongStream}, without boxing:
     * it splits along the trie as {@link #keySet()}'s spliterator does ({@code DISTINCT},
     * {@code NONNULL}, {@code IMMUTABLE}, {@code SIZED} until split, not {@code ORDERED}).
     *
     * @return a sequential stream of the keys
     * @throws UnsupportedOperationException unless the keys use {@link Codec#LONG}
     */
    public LongStream keyLongStream() {
        if (keyCodec != Codec.LONG) {
            throw new UnsupportedOperationException("keyLongStream needs a map with Codec.LONG keys; this one has Codec."
                    + keyCodec.name() + " keys; use keySet().stream() instead");
        }
        trie.checkLive(WHAT);
        return StreamSupport.longStream(new TrieSpliterator.OfWords(trie, root, rootAddr, size, false, WHAT), false);
    }

    /**
     * The values of a map with {@link Codec#LONG} values as a {@link LongStream}, without boxing,
     * in the order of {@link #keyLongStream()} and {@link #values()}; it splits along the trie.
     *
     * @return a sequential stream of the values
     * @throws UnsupportedOperationException unless the values use {@link Codec#LONG}
     */
    public LongStream valueLongStream() {
        if (valueCodec != Codec.LONG) {
            throw new UnsupportedOperationException("valueLongStream needs a map with Codec.LONG values; this one has Codec."
                    + valueCodec.name() + " values; use values().stream() instead");
        }
        trie.checkLive(WHAT);
        return StreamSupport.longStream(new TrieSpliterator.OfWords(trie, root, rootAddr, size, true, WHAT), false);
    }

    /**
     * Calls {@code action} with every entry of a {@code long -> long} map, without boxing and
     * without making entry objects.
     *
     * @param action called with each entry's key and value
     * @throws UnsupportedOperationException unless keys and values use {@link Codec#LONG}
     */
    public void forEachLong(LongLongConsumer action) {
        Objects.requireNonNull(action, "action");
        requireLongs("forEachLong");
        trie.checkLive(WHAT);
        trie.forEachWords(root, rootAddr, ChampTrie.readsAhead(size, bulkBuilt), action, WHAT);
    }

    /**
     * {@inheritDoc} Against another {@code PersistentMap} with the same codecs it compares the two
     * tries node by node and skips every subtree they share, so a map and one made from it by a
     * few updates compare in the time of the paths that differ, not of their size; so does a map
     * in which one of those updates gave a key another value or replaced a key by another: tries
     * are canonical, so the first node where they differ proves the maps differ. With different
     * codecs, or against any other map, it compares entry by entry, as {@link AbstractMap#equals}
     * does.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map<?, ?>)) {
            return false;
        }
        trie.checkLive(WHAT);
        if (o instanceof PersistentMap<?, ?> other) {
            other.trie.checkLive(WHAT);
            if (other.size != size || hash != 0 && other.hash != 0 && hash != other.hash) {
                return false;
            }
            if (other.keyCodec == keyCodec && other.valueCodec == valueCodec) {
                return trie.sameEntries(root, rootAddr, other.trie, other.root, other.rootAddr, 0);
            }
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        trie.checkLive(WHAT);
        int h = hash;
        if (h == 0 && !hashIsZero) {
            // One walk: keys hash from their words (an object key's hash is stored), inline values
            // too; only a value object's hashCode runs user code, after which the trie is checked.
            ChampTrie t = trie;
            Codec<V> values = valueCodec;
            int[] sum = {0};
            t.walk(root, rootAddr, ChampTrie.readsAhead(size, bulkBuilt), (n, a, count) -> {
                int s = sum[0];
                for (int i = 0; i < count; i++) {
                    int vh;
                    if (t.valInline) {
                        vh = values.hashWord(t.valWord(n, a, i));
                    } else {
                        vh = Objects.hashCode(t.valRef(n, a, i));
                        t.checkLive(WHAT);
                    }
                    s += t.hash(t.keyWord(n, a, i), null) ^ vh;
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
    private long keyWord(Object key) {
        return ChampTrie.keyWordOf(keyCodec, (K) key);
    }

    @SuppressWarnings("unchecked")
    K key(Object n, long a, int i) {
        return trie.keyInline ? keyCodec.decode(trie.keyWord(n, a, i)) : (K) trie.keyRef(n, a, i);
    }

    @SuppressWarnings("unchecked")
    V value(Object n, long a, int i) {
        return trie.valInline ? valueCodec.decode(trie.valWord(n, a, i)) : (V) trie.valRef(n, a, i);
    }

    /** The value of entry {@code i} of the node a lookup found. */
    @SuppressWarnings("unchecked")
    private V value(Found found, int i) {
        return trie.valInline ? valueCodec.decode(trie.valWordIn(found.words, found.addr, i))
                : (V) trie.valRef(found.obj, found.addr, i);
    }

    private void requireLongKeys(String op) {
        if (keyCodec != Codec.LONG) {
            throw new UnsupportedOperationException(op + " needs a map with Codec.LONG keys; this one has Codec."
                    + keyCodec.name() + " keys; use the boxed method instead");
        }
    }

    private void requireLongs(String op) {
        if (keyCodec != Codec.LONG || valueCodec != Codec.LONG) {
            throw new UnsupportedOperationException(op + " needs a map with Codec.LONG keys and values; this one has Codec."
                    + keyCodec.name() + " keys and Codec." + valueCodec.name() + " values; use the boxed method instead");
        }
    }

    /**
     * A spliterator over this map's entries, each read by {@code reader}: it splits along the trie
     * (sub-tries, without copying entries), so a parallel stream's threads take disjoint parts;
     * {@code IMMUTABLE}, {@code SIZED} until split, not {@code ORDERED}.
     */
    private <T> Spliterator<T> split(TrieSpliterator.Reader<T> reader, int characteristics) {
        trie.checkLive(WHAT);
        return new TrieSpliterator<>(trie, root, rootAddr, size, reader, characteristics, WHAT);
    }

    /** An iterator over this map's entries in trie order, each read by {@code reader}. */
    private <T> Iterator<T> iterate(TrieSpliterator.Reader<T> reader) {
        trie.checkLive(WHAT);
        Cursor c = new Cursor(trie, root, rootAddr, size);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return c.hasNext();
            }

            @Override
            public T next() {
                trie.checkLive(WHAT);
                c.advance();
                return reader.read(c.node, c.addr, c.index);
            }
        };
    }

    /** {@link #keySet()}: {@code java.util.Set}'s contract over this map's keys. */
    final class KeySet extends ReadOnlyViews.SetView<K> {
        KeySet() {
            super("keySet()");
        }

        @Override
        public int size() {
            return PersistentMap.this.size();
        }

        @Override
        public boolean contains(Object o) {
            return containsKey(o);
        }

        @Override
        public Iterator<K> iterator() {
            return iterate(PersistentMap.this::key);
        }

        @Override
        public Spliterator<K> spliterator() {
            return split(PersistentMap.this::key, Spliterator.DISTINCT);
        }

        KeyTrie keyTrie() {
            return new KeyTrie(trie, keyCodec, root, rootAddr, size);
        }

        /**
         * {@inheritDoc} Against a {@code PersistentSet} or another persistent map's key set with
         * the same key codec it compares the tries by structure, as {@link PersistentSet#equals}
         * does; otherwise element by element.
         */
        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            Boolean same = KeyTrie.sameKeys(this, o, WHAT);
            return same != null ? same : super.equals(o);
        }

        @Override
        public int hashCode() {
            // As Set specifies; declared here because equals is.
            return super.hashCode();
        }
    }

    private final class EntrySet extends ReadOnlyViews.SetView<Map.Entry<K, V>> {
        EntrySet() {
            super("entrySet()");
        }

        @Override
        public int size() {
            return PersistentMap.this.size();
        }

        @Override
        public boolean contains(Object o) {
            trie.checkLive(WHAT);
            if (!(o instanceof Map.Entry<?, ?> e) || !keyCodec.accepts(e.getKey())) {
                return false;
            }
            long kw = keyWord(e.getKey());
            Found found = new Found();
            int i = trie.find(found, root, rootWords, rootAddr, rootHeader, kw, e.getKey(), trie.hash(kw, e.getKey()));
            return i >= 0 && Objects.equals(value(found, i), e.getValue());
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return iterate(this::entry);
        }

        @Override
        public Spliterator<Map.Entry<K, V>> spliterator() {
            return split(this::entry, Spliterator.DISTINCT | Spliterator.NONNULL);
        }

        private Map.Entry<K, V> entry(Object n, long a, int i) {
            return new SimpleImmutableEntry<>(key(n, a, i), value(n, a, i));
        }

        @Override
        public int hashCode() {
            return PersistentMap.this.hashCode();
        }
    }

    /**
     * {@inheritDoc} A native map whose allocator was reset or closed has nothing left to show:
     * instead of throwing, as every other method does, it returns a string that says so (so a
     * debugger or a log line that prints it still works).
     */
    @Override
    public String toString() {
        String stale = NativeNodes.staleDescription(() -> trie.checkLive(WHAT), WHAT);
        return stale != null ? stale : super.toString();
    }

    /**
     * Replaces this map in a stream by its serial form: the key codec, the value codec, the size, then each entry's
     * key and value as the codecs write them.
     *
     * @return the serial form
     * @throws IllegalStateException if this map is native and its allocator was reset or closed
     */
    @Serial
    private Object writeReplace() {
        trie.checkLive(WHAT);
        return new MapForm(this);
    }

    /**
     * Refuses a stream that holds a map's fields: a map is read from its serial form only.
     *
     * @param in the stream
     * @throws InvalidObjectException always
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a PersistentMap is read from its serial form (MapForm) only");
    }
    // ---- java.util mutators: refused whether or not they would change anything, as Map.of's are ----

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final V put(K key, V value) {
        throw Immutables.refused("PersistentMap", "put", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final V remove(Object key) {
        throw Immutables.refused("PersistentMap", "remove", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final void putAll(Map<? extends K, ? extends V> m) {
        throw Immutables.refused("PersistentMap", "putAll", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final void clear() {
        throw Immutables.refused("PersistentMap", "clear", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
        throw Immutables.refused("PersistentMap", "replaceAll", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final V putIfAbsent(K key, V value) {
        throw Immutables.refused("PersistentMap", "putIfAbsent", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final boolean remove(Object key, Object value) {
        throw Immutables.refused("PersistentMap", "remove", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final boolean replace(K key, V oldValue, V newValue) {
        throw Immutables.refused("PersistentMap", "replace", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final V replace(K key, V value) {
        throw Immutables.refused("PersistentMap", "replace", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
        throw Immutables.refused("PersistentMap", "computeIfAbsent", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        throw Immutables.refused("PersistentMap", "computeIfPresent", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        throw Immutables.refused("PersistentMap", "compute", "plus, minus or a transient");
    }

    /** @throws UnsupportedOperationException always: PersistentMap is immutable (use plus, minus or a transient) */
    @Override
    public final V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
        throw Immutables.refused("PersistentMap", "merge", "plus, minus or a transient");
    }
}
