package dev.arbor.benchmarks.collections;

import java.util.HashSet;
import java.util.SplittableRandom;

/**
 * The inputs of a {@code String -> String} map benchmark: distinct keys such as {@code "k-3f2a9c"},
 * their values, and the probe batches. Every string's hash code is computed here, as a program's
 * long-lived strings have theirs cached.
 */
public final class StringMapData {
    /** The keys, in insertion order. */
    public final String[] keys;
    /** The values: {@code values[i]} is the value of {@code keys[i]}. */
    public final String[] values;
    /** {@link LongMapData#BATCH} keys drawn at random from {@link #keys}. */
    public final String[] hitKeys;
    /** Sum of the lengths of the values of {@link #hitKeys}: what a correct lookup loop returns. */
    public final long hitSum;
    /** {@link LongMapData#BATCH} keys (fresh String objects) that are not in {@link #keys}. */
    public final String[] missKeys;
    /** New values for {@link #hitKeys}, each a different object from the stored one. */
    public final String[] updateValues;
    /** Sum over all entries of {@code key.length() + value.length()}: what a correct iteration returns. */
    public final long entrySum;

    /** Makes {@code size} entries from a fixed seed (the same data for every library). */
    public StringMapData(int size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        SplittableRandom random = new SplittableRandom(seed);
        HashSet<String> seen = HashSet.newHashSet(size);
        keys = new String[size];
        values = new String[size];
        long sum = 0;
        for (int i = 0; i < size; ) {
            String k = "k-" + Long.toHexString(random.nextLong());
            if (seen.add(k)) {
                keys[i] = k;
                values[i] = "v-" + Long.toHexString(random.nextLong() >>> random.nextInt(40));
                keys[i].hashCode();
                values[i].hashCode();
                sum += keys[i].length() + values[i].length();
                i++;
            }
        }
        entrySum = sum;
        int batch = LongMapData.BATCH;
        hitKeys = new String[batch];
        updateValues = new String[batch];
        long hits = 0;
        for (int i = 0; i < batch; i++) {
            int j = random.nextInt(size);
            // A copy, not the stored instance: a lookup must compare contents, as with keys read
            // from input, rather than stop at an identity check.
            hitKeys[i] = new String(keys[j]);
            hitKeys[i].hashCode();
            hits += values[j].length();
            updateValues[i] = new String(values[j] + "'");
        }
        hitSum = hits;
        missKeys = new String[batch];
        for (int i = 0; i < batch; ) {
            String k = "k-" + Long.toHexString(random.nextLong());
            if (!seen.contains(k)) {
                k.hashCode();
                missKeys[i++] = k;
            }
        }
    }

    /** The number of entries. */
    public int size() {
        return keys.length;
    }
}
