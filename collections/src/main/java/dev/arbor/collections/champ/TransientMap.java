package dev.arbor.collections.champ;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.Edit;
import java.util.NoSuchElementException;

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
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TransientMap<K, V> {
    private static final String WHAT = "TransientMap";

    private ChampTrie trie;
    private final Codec<K> keyCodec;
    private final Codec<V> valueCodec;
    private final Edit edit = Edit.open(WHAT);
    private final Op op = new Op(edit);
    private int size;
    private Object root;
    private long rootAddr;

    TransientMap(PersistentMap<K, V> m) {
        this.trie = m.trie;
        this.keyCodec = m.keyCodec;
        this.valueCodec = m.valueCodec;
        this.size = m.size;
        this.root = m.root;
        this.rootAddr = m.rootAddr;
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

    /** The number of entries. */
    public int size() {
        enter();
        return size;
    }

    /** Whether {@code key} is a key. */
    public boolean containsKey(Object key) {
        enter();
        if (!keyCodec.accepts(key)) {
            return false;
        }
        long kw = keyWord(key);
        op.reset();
        return trie.find(op, root, rootAddr, kw, key, trie.hash(kw, key)) >= 0;
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        enter();
        if (!keyCodec.accepts(key)) {
            return null;
        }
        long kw = keyWord(key);
        op.reset();
        int i = trie.find(op, root, rootAddr, kw, key, trie.hash(kw, key));
        if (i < 0) {
            return null;
        }
        return trie.valInline ? valueCodec.decode(trie.valWord(op.obj, op.addr, i)) : (V) trie.valRef(op.obj, op.addr, i);
    }

    /**
     * Whether {@code key} is a key, without boxing.
     *
     * @throws UnsupportedOperationException unless the key codec is {@link Codec#LONG}
     */
    public boolean containsLong(long key) {
        enter();
        requireLongKeys("containsLong");
        op.reset();
        return trie.find(op, root, rootAddr, key, null, trie.hash(key, null)) >= 0;
    }

    /**
     * The value of {@code key}, without boxing.
     *
     * @throws NoSuchElementException        if {@code key} is absent
     * @throws UnsupportedOperationException unless both codecs are {@link Codec#LONG}
     */
    public long getLong(long key) {
        enter();
        requireLongs("getLong");
        op.reset();
        int i = trie.find(op, root, rootAddr, key, null, trie.hash(key, null));
        if (i < 0) {
            throw new NoSuchElementException("key " + key + " is absent; check containsLong first");
        }
        return trie.valWord(op.obj, op.addr, i);
    }

    /** Maps {@code key} to {@code value}. */
    public TransientMap<K, V> put(K key, V value) {
        enter();
        long kw = keyCodec.isInline() ? keyCodec.encode(key) : 0;
        long vw = valueCodec.isInline() ? valueCodec.encode(value) : 0;
        putEntry(kw, key, vw, value);
        return this;
    }

    /**
     * Maps {@code key} to {@code value}, without boxing.
     *
     * @throws UnsupportedOperationException unless both codecs are {@link Codec#LONG}
     */
    public TransientMap<K, V> putLong(long key, long value) {
        enter();
        requireLongs("putLong");
        putEntry(key, null, value, null);
        return this;
    }

    private void putEntry(long kw, Object kr, long vw, Object vr) {
        op.reset();
        try {
            trie.put(op, root, rootAddr, kw, kr, vw, vr, trie.hash(kw, kr), 0);
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
        op.oldRef = null;
    }

    /** Removes {@code key} if present. */
    public TransientMap<K, V> remove(Object key) {
        enter();
        if (keyCodec.accepts(key)) {
            removeKey(keyWord(key), key);
        }
        return this;
    }

    /**
     * Removes {@code key} if present, without boxing.
     *
     * @throws UnsupportedOperationException unless the key codec is {@link Codec#LONG}
     */
    public TransientMap<K, V> removeLong(long key) {
        enter();
        requireLongKeys("removeLong");
        removeKey(key, null);
        return this;
    }

    private void removeKey(long kw, Object kr) {
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
        op.oldRef = null;
    }

    /**
     * The persistent map of the current contents; this transient is unusable afterwards.
     * The nodes it edited stay immutable forever, as no other transient has its edit id.
     */
    public PersistentMap<K, V> persistent() {
        enter();
        edit.close();
        if (size == 0) {
            return PersistentMap.empty(keyCodec, valueCodec);
        }
        return new PersistentMap<>(trie, keyCodec, valueCodec, size, root, rootAddr);
    }

    @SuppressWarnings("unchecked")
    private long keyWord(Object key) {
        return keyCodec.isInline() ? keyCodec.encode((K) key) : 0;
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
