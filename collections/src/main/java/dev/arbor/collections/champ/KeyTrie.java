package dev.arbor.collections.champ;

import dev.arbor.collections.codec.Codec;

/**
 * The trie of keys behind a collection a {@link TrieFilter} can walk: a {@link PersistentSet}, or
 * the {@link PersistentMap#keySet()} view of a persistent map.
 *
 * @param trie  the trie's format
 * @param codec the codec of its keys (equal codecs: equal keys have equal key words and places)
 * @param root  its root node
 * @param addr  the root's address (native), or 0
 * @param size  its number of keys
 */
record KeyTrie(ChampTrie trie, Codec<?> codec, Object root, long addr, int size) {

    /**
     * Whether this and {@code other} (same codec and size) hold the same keys, compared by
     * structure: tries are canonical, so the first place that differs proves they differ.
     */
    boolean sameKeys(KeyTrie other) {
        return trie.sameKeys(root, addr, other.trie, other.root, other.addr, 0);
    }

    /**
     * {@code equals} between the key tries of {@code a} and {@code b}: {@code null} unless both
     * are key tries with the same codec (the caller then compares element by element).
     */
    static Boolean sameKeys(Object a, Object b, String what) {
        KeyTrie mine = of(a, what);
        KeyTrie theirs = mine == null ? null : of(b, what);
        if (theirs == null || theirs.codec != mine.codec) {
            return null;
        }
        return theirs.size == mine.size && mine.sameKeys(theirs);
    }

    /**
     * Whether {@link TrieFilter} can walk a value's trie (format {@code trie}, {@code size} keys
     * that {@code codec} encodes) and {@code other} (a key trie, or null) together here: both
     * non-empty, one codec, and the value's new nodes made in its own format (an update of it here
     * keeps {@code trie}). The persistent set's and map's {@code minusAll} and {@code intersect}
     * ask it.
     */
    static boolean filtersByStructure(ChampTrie trie, Codec<?> codec, int size, KeyTrie other, String what) {
        return other != null && other.codec == codec && size > 0 && other.size > 0 && trie.forUpdate(false, what) == trie;
    }

    /** The key trie behind {@code keys}, checked live, or null for any other collection. */
    static KeyTrie of(Object keys, String what) {
        KeyTrie k;
        if (keys instanceof PersistentSet<?> s) {
            k = new KeyTrie(s.trie, s.codec, s.root, s.rootAddr, s.size);
        } else if (keys instanceof PersistentMap<?, ?>.KeySet view) {
            k = view.keyTrie();
        } else {
            return null;
        }
        k.trie.checkLive(what);
        return k;
    }
}
