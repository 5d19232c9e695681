package dev.arbor.collections.champ;

/**
 * Buffered puts stored column by column, for {@link BulkLoad}: on the JVM heap
 * ({@link HeapColumns}) or in native memory ({@link NativeColumns}). The passes over many puts
 * (counting digits, moving puts to their buckets) are methods of the storage, so the per-put work
 * runs in one monomorphic loop; per-put accessors serve the few reads per entry.
 */
abstract class PutColumns {
    /** The key word of put {@code i} (a reference key's word is its hash). */
    abstract long key(int i);

    /** The reference key of put {@code i}, or {@code null} for inline keys. */
    abstract Object keyRef(int i);

    /** The value word of put {@code i} ({@code 0} for sets and reference values). */
    abstract long value(int i);

    /** The reference value of put {@code i}, or {@code null}. */
    abstract Object valueRef(int i);

    /** Adds one to {@code count[d]} for the digit {@code d} at {@code shift} of each put in {@code [lo, hi)}. */
    abstract void countDigits(ChampTrie trie, int lo, int hi, int shift, int[] count);

    /**
     * Moves the puts {@code [lo, hi)} to {@code to} (the same kind of storage), each to the next
     * free place of its digit's bucket ({@code end}), keeping their order within a bucket.
     */
    abstract void scatter(ChampTrie trie, int lo, int hi, int shift, PutColumns to, int[] end);

    /** Empty scratch of the same kind for {@code n} puts. */
    abstract PutColumns scratch(int n);

    /** Gives back the memory of scratch made by {@link #scratch}; nothing for heap storage. */
    abstract void release();

    static int digit(ChampTrie trie, long kw, int shift) {
        return (trie.hash(kw, null) >>> shift) & ChampTrie.MASK;
    }
}
