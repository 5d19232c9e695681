package dev.arbor.collections.champ;

import dev.arbor.collections.codec.Codec;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.LongBinaryOperator;

/**
 * A builder over a {@link PersistentMap} that edits in place the nodes it created itself and
 * copies any other node before its first edit, so no value obtained earlier ever changes.
 *
 * <p>Single use and single thread: after {@link #persistent()}, or from a thread other than the one
 * that called {@link PersistentMap#asTransient()}, every method throws
 * ({@link IllegalStateException}, {@link WrongThreadException}).
 *
 * <p>Under a native allocator its new nodes are native; from then on it is bound to that
 * allocator: any use while the allocator is not current, or after it was reset or closed, throws
 * {@link IllegalStateException} and touches nothing. Native nodes it owns and replaces go back to
 * their allocator at once. If an operation fails (an allocation is refused), the transient is as
 * before the call and the nodes the call allocated are freed.
 *
 * <p>Made from an empty map, it buffers its puts and builds all their nodes in one pass at the
 * first other call ({@code persistent()}, {@code size()}, a lookup or a removal), each node
 * allocated once at its final size; the last put of a key wins, as one put after another would.
 * That call then costs time in proportion to the buffered puts. A managed transient buffers on
 * the JVM heap, a native one in its allocator's memory (given back after the build); a native
 * one with object keys or values does not buffer, as native memory cannot hold JVM references.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TransientMap<K, V> {
    private static final String WHAT = "TransientMap";

    private final Codec<K> keyCodec;
    private final Codec<V> valueCodec;
    private final TrieEditor editor;

    TransientMap(PersistentMap<K, V> m) {
        this.keyCodec = m.keyCodec;
        this.valueCodec = m.valueCodec;
        this.editor = new TrieEditor(WHAT, m.trie, m.size, m.root, m.rootAddr);
    }

    /** See {@link TrieEditor#discard}. */
    void discard(Throwable failure) {
        editor.discard(failure);
    }

    /** {@return the number of entries} */
    public int size() {
        editor.enter();
        return editor.size;
    }

    /**
     * Whether {@code key} is a key.
     *
     * @param key the key to look up; an object the key codec cannot hold is absent
     * @return {@code true} if this transient has an entry for {@code key}
     */
    public boolean containsKey(Object key) {
        editor.enter();
        return keyCodec.accepts(key) && editor.find(keyWord(key), key) >= 0;
    }

    /**
     * The value of {@code key}, or null.
     *
     * @param key the key to look up; an object the key codec cannot hold is absent
     * @return the value {@code key} maps to, or {@code null} if it is absent
     */
    public V get(Object key) {
        editor.enter();
        if (!keyCodec.accepts(key)) {
            return null;
        }
        int i = editor.find(keyWord(key), key);
        return i < 0 ? null : foundValue(i);
    }

    /** The value of entry {@code i} of the node the last find stopped at. */
    @SuppressWarnings("unchecked")
    private V foundValue(int i) {
        ChampTrie trie = editor.trie;
        Found found = editor.found;
        return trie.valInline ? valueCodec.decode(trie.valWordIn(found.words, found.addr, i)) : (V) trie.valRef(found.obj, found.addr, i);
    }

    /**
     * Whether {@code key} is a key, without boxing.
     *
     * @param key the key to look up
     * @return {@code true} if this transient has an entry for {@code key}
     * @throws UnsupportedOperationException unless the key codec is {@link Codec#LONG}
     */
    public boolean containsLong(long key) {
        editor.enter();
        requireLongKeys("containsLong");
        return editor.find(key, null) >= 0;
    }

    /**
     * The value of {@code key}, without boxing.
     *
     * @param key the key to look up
     * @return the value {@code key} maps to
     * @throws NoSuchElementException        if {@code key} is absent
     * @throws UnsupportedOperationException unless both codecs are {@link Codec#LONG}
     */
    public long getLong(long key) {
        editor.enter();
        requireLongs("getLong");
        int i = editor.find(key, null);
        if (i < 0) {
            throw new NoSuchElementException("key " + key + " is absent; check containsLong first");
        }
        return editor.trie.valWordIn(editor.found.words, editor.found.addr, i);
    }

    /**
     * Maps {@code key} to {@code value}.
     *
     * @param key   the key
     * @param value its new value
     * @return this transient
     */
    public TransientMap<K, V> put(K key, V value) {
        editor.enterToPut();
        long kw = ChampTrie.keyWordOf(keyCodec, key);
        long vw = valueCodec.isInline() ? valueCodec.encode(value) : 0;
        editor.put(kw, key, vw, value);
        return this;
    }

    /**
     * Maps every key of {@code map} to its value, as {@link #put} would one by one (a later value
     * replaces an earlier one, as {@link Map#putAll} does): if an entry is refused (a
     * {@code null} for an inline codec), the ones before it stay and the transient stays usable.
     *
     * @param map the entries to put
     * @return this transient
     */
    public TransientMap<K, V> putAll(Map<? extends K, ? extends V> map) {
        Objects.requireNonNull(map, "map");
        map.forEach(this::put);
        return this;
    }

    /**
     * Maps {@code key} to {@code value}, without boxing.
     *
     * @param key   the key
     * @param value its new value
     * @return this transient
     * @throws UnsupportedOperationException unless both codecs are {@link Codec#LONG}
     */
    public TransientMap<K, V> putLong(long key, long value) {
        editor.enterToPut();
        requireLongs("putLong");
        editor.put(key, null, value, null);
        return this;
    }

    /**
     * Merges {@code value} in at {@code key}, as {@link Map#merge} does: maps
     * {@code key} to {@code value} if it is absent (or maps to {@code null}), else to
     * {@code merge.apply(old, value)}, and removes it if that returns {@code null}.
     *
     * <p>The key is looked up once; when the node holding it is this transient's own, the merged
     * value is written there, with no second descent and no allocation. {@code merge} may edit
     * this transient (which {@link java.util.HashMap#merge} refuses): its edits stay, and the
     * merged value is then put as if after them.
     *
     * @param key   the key
     * @param value the value to merge in
     * @param merge makes the new value from the old one and {@code value}; {@code null} removes the key
     * @return this transient
     * @throws NullPointerException if {@code value} or {@code merge} is null
     */
    public TransientMap<K, V> put(K key, V value, BiFunction<? super V, ? super V, ? extends V> merge) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(merge, "merge");
        editor.enter();
        long kw = ChampTrie.keyWordOf(keyCodec, key);
        int i = editor.find(kw, key);
        if (i < 0) {
            editor.put(kw, key, valueCodec.isInline() ? valueCodec.encode(value) : 0, value);
            return this;
        }
        // The node the key is in, kept before the merge (user code) may run another find.
        Object n = editor.found.obj;
        long a = editor.found.addr;
        int changes = editor.changes();
        V old = foundValue(i);
        V merged = old == null ? value : merge.apply(old, value);
        // merge is user code: check the thread and the allocator again before editing.
        editor.enter();
        if (merged == null) {
            editor.remove(kw, key);
            return this;
        }
        long vw = valueCodec.isInline() ? valueCodec.encode(merged) : 0;
        if (!editor.setFoundValue(changes, n, a, i, vw, merged)) {
            editor.put(kw, key, vw, merged);
        }
        return this;
    }

    /**
     * {@link #put(Object, Object, BiFunction)} without boxing: maps {@code key} to {@code value}
     * if absent, else to {@code merge.applyAsLong(old, value)}, in one descent when the node
     * holding the key is this transient's own.
     *
     * @param key   the key
     * @param value the value to merge in
     * @param merge makes the new value from the old one and {@code value}
     * @return this transient
     * @throws UnsupportedOperationException unless both codecs are {@link Codec#LONG}
     */
    public TransientMap<K, V> putLong(long key, long value, LongBinaryOperator merge) {
        Objects.requireNonNull(merge, "merge");
        editor.enter();
        requireLongs("putLong");
        int i = editor.find(key, null);
        if (i < 0) {
            editor.put(key, null, value, null);
            return this;
        }
        Object n = editor.found.obj;
        long a = editor.found.addr;
        int changes = editor.changes();
        long merged = merge.applyAsLong(editor.trie.valWordIn(editor.found.words, a, i), value);
        editor.enter();
        if (!editor.setFoundValue(changes, n, a, i, merged, null)) {
            editor.put(key, null, merged, null);
        }
        return this;
    }

    /**
     * Removes {@code key} if present.
     *
     * @param key the key to remove; an object the key codec cannot hold is absent
     * @return this transient
     */
    public TransientMap<K, V> remove(Object key) {
        editor.enter();
        if (keyCodec.accepts(key)) {
            editor.remove(keyWord(key), key);
        }
        return this;
    }

    /**
     * Removes {@code key} if present, without boxing.
     *
     * @param key the key to remove
     * @return this transient
     * @throws UnsupportedOperationException unless the key codec is {@link Codec#LONG}
     */
    public TransientMap<K, V> removeLong(long key) {
        editor.enter();
        requireLongKeys("removeLong");
        editor.remove(key, null);
        return this;
    }

    /**
     * The persistent map of the current contents; this transient is unusable afterwards.
     * The nodes it edited stay immutable forever, as no other transient has its edit id.
     *
     * @return the map of the current contents
     */
    public PersistentMap<K, V> persistent() {
        editor.enter();
        editor.edit.close();
        if (editor.size == 0) {
            return PersistentMap.empty(keyCodec, valueCodec);
        }
        return new PersistentMap<>(editor.trie, keyCodec, valueCodec, editor.size, editor.root, editor.rootAddr,
                editor.bulkBuilt());
    }

    @SuppressWarnings("unchecked")
    private long keyWord(Object key) {
        return ChampTrie.keyWordOf(keyCodec, (K) key);
    }

    private void requireLongKeys(String what) {
        if (keyCodec != Codec.LONG) {
            throw new UnsupportedOperationException(what + " needs a map with Codec.LONG keys; this one has Codec."
                    + keyCodec.name() + " keys; use the boxed method instead");
        }
    }

    private void requireLongs(String what) {
        if (keyCodec != Codec.LONG || valueCodec != Codec.LONG) {
            throw new UnsupportedOperationException(what + " needs a map with Codec.LONG keys and values; this one has Codec."
                    + keyCodec.name() + " keys and Codec." + valueCodec.name() + " values; use the boxed method instead");
        }
    }
}
