package dev.arbor.benchmarks.collections;

import java.util.HashSet;
import java.util.SplittableRandom;

/**
 * The inputs of a {@code long -> long} map benchmark: distinct random keys, their values, and the
 * probe batches, both unboxed (for Arbor and fastutil) and pre-boxed (for the libraries that store
 * {@link Long}s), so a peer is never charged for boxing a key it would already hold boxed.
 */
public final class LongMapData {
    /** Operations per invocation of a lookup or update benchmark. */
    public static final int BATCH = 1024;

    /** The keys, in insertion order. */
    public final long[] keys;
    /** The values: {@code values[i]} is the value of {@code keys[i]}. */
    public final long[] values;
    /** {@link #keys}, boxed. */
    public final Long[] boxedKeys;
    /** {@link #values}, boxed. */
    public final Long[] boxedValues;
    /** {@link #BATCH} keys drawn at random from {@link #keys}. */
    public final long[] hitKeys;
    /** {@link #hitKeys}, boxed. */
    public final Long[] boxedHitKeys;
    /** Sum of the values of {@link #hitKeys}: what a correct lookup loop returns. */
    public final long hitSum;
    /** {@link #BATCH} random keys that are not in {@link #keys}. */
    public final long[] missKeys;
    /** {@link #missKeys}, boxed. */
    public final Long[] boxedMissKeys;
    /** New values for {@link #hitKeys} (each differs from the stored one, so every update changes the map). */
    public final long[] updateValues;
    /** {@link #updateValues}, boxed. */
    public final Long[] boxedUpdateValues;
    /** Sum over all entries of {@code key ^ value}: what a correct iteration returns. */
    public final long entrySum;

    /** Makes {@code size} entries from a fixed seed (the same data for every library). */
    public LongMapData(int size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        SplittableRandom random = new SplittableRandom(seed);
        HashSet<Long> seen = HashSet.newHashSet(size);
        keys = new long[size];
        values = new long[size];
        long sum = 0;
        for (int i = 0; i < size; ) {
            long k = random.nextLong();
            if (seen.add(k)) {
                keys[i] = k;
                values[i] = k * 31 + 7;
                sum += keys[i] ^ values[i];
                i++;
            }
        }
        entrySum = sum;
        boxedKeys = box(keys);
        boxedValues = box(values);
        hitKeys = new long[BATCH];
        updateValues = new long[BATCH];
        long hits = 0;
        for (int i = 0; i < BATCH; i++) {
            int j = random.nextInt(size);
            hitKeys[i] = keys[j];
            hits += values[j];
            updateValues[i] = values[j] + 1;
        }
        hitSum = hits;
        boxedHitKeys = box(hitKeys);
        boxedUpdateValues = box(updateValues);
        missKeys = new long[BATCH];
        for (int i = 0; i < BATCH; ) {
            long k = random.nextLong();
            if (!seen.contains(k)) {
                missKeys[i++] = k;
            }
        }
        boxedMissKeys = box(missKeys);
    }

    /** The number of entries. */
    public int size() {
        return keys.length;
    }

    private static Long[] box(long[] a) {
        Long[] b = new Long[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }
}
