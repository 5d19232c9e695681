package dev.arbor.collections.champ;

import java.util.Arrays;

/**
 * The puts a transient that started empty has received and not yet applied, in order (later
 * puts of a key win). Only the halves the codecs use are kept: a {@code long -> long} map
 * buffers two {@code long}s per put and no object.
 *
 * <p>Buffering lets {@link BulkLoad} build the whole trie at once, each node allocated once at
 * its final size, instead of one path copy per put; see {@link TrieEditor}.
 */
final class PendingPuts {
    private static final int INITIAL = 16;

    long[] keyWords;
    /** Reference keys, or {@code null} for inline keys. */
    Object[] keyRefs;
    /** Inline values, or {@code null} (sets, reference values). */
    long[] valueWords;
    /** Reference values, or {@code null} (sets, inline values). */
    Object[] valueRefs;
    int count;

    PendingPuts(ChampTrie trie) {
        keyWords = new long[INITIAL];
        keyRefs = trie.keyInline ? null : new Object[INITIAL];
        valueWords = trie.valInline ? new long[INITIAL] : null;
        valueRefs = trie.hasValues && !trie.valInline ? new Object[INITIAL] : null;
    }

    void add(long kw, Object kr, long vw, Object vr) {
        int i = count;
        if (i == keyWords.length) {
            grow();
        }
        keyWords[i] = kw;
        if (keyRefs != null) {
            keyRefs[i] = kr;
        }
        if (valueWords != null) {
            valueWords[i] = vw;
        }
        if (valueRefs != null) {
            valueRefs[i] = vr;
        }
        count = i + 1;
    }

    private void grow() {
        if (count >= Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("a transient cannot buffer more than " + count + " puts");
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * keyWords.length);
        keyWords = Arrays.copyOf(keyWords, capacity);
        if (keyRefs != null) {
            keyRefs = Arrays.copyOf(keyRefs, capacity);
        }
        if (valueWords != null) {
            valueWords = Arrays.copyOf(valueWords, capacity);
        }
        if (valueRefs != null) {
            valueRefs = Arrays.copyOf(valueRefs, capacity);
        }
    }
}
