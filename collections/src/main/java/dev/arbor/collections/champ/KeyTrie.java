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
