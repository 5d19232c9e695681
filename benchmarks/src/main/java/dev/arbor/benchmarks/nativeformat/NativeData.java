package dev.arbor.benchmarks.nativeformat;

import java.util.HashSet;
import java.util.SplittableRandom;

/**
 * The inputs of the native-format suites, from a fixed seed: distinct random map keys and their
 * values, vector elements, and the probe batches with the sums a correct run returns.
 */
public final class NativeData {
    /** Lookups per invocation of a lookup benchmark. */
    public static final int BATCH = 1024;

    /** The map's keys, distinct, in insertion order. */
    public final long[] keys;
    /** {@code values[i]} is the value of {@code keys[i]}. */
    public final long[] values;
    /** The vector's elements, in order. */
    public final long[] elements;
    /** {@link #BATCH} keys drawn at random from {@link #keys}. */
    public final long[] hitKeys;
    /** Sum of the values of {@link #hitKeys}. */
    public final long hitSum;
    /** {@link #BATCH} random indices into {@link #elements}. */
    public final int[] hitIndices;
    /** Sum of the elements at {@link #hitIndices}. */
    public final long indexSum;
    /** Sum over all entries of {@code key ^ value}: what a correct map iteration returns. */
    public final long entrySum;
    /** Sum of all {@link #elements}: what a correct vector iteration returns. */
    public final long elementSum;

    /** Makes {@code size} map entries and vector elements from {@code seed}. */
    public NativeData(int size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        SplittableRandom random = new SplittableRandom(seed);
        HashSet<Long> seen = HashSet.newHashSet(size);
        keys = new long[size];
        values = new long[size];
        elements = new long[size];
        long entries = 0;
        long all = 0;
        for (int i = 0; i < size; ) {
            long k = random.nextLong();
            if (seen.add(k)) {
                keys[i] = k;
                values[i] = k * 31 + 7;
                entries += k ^ values[i];
                elements[i] = random.nextLong();
                all += elements[i];
                i++;
            }
        }
        entrySum = entries;
        elementSum = all;
        hitKeys = new long[BATCH];
        hitIndices = new int[BATCH];
        long hits = 0;
        long indexed = 0;
        for (int i = 0; i < BATCH; i++) {
            int j = random.nextInt(size);
            hitKeys[i] = keys[j];
            hits += values[j];
            hitIndices[i] = random.nextInt(size);
            indexed += elements[hitIndices[i]];
        }
        hitSum = hits;
        indexSum = indexed;
    }

    /** The number of map entries (and of vector elements). */
    public int size() {
        return keys.length;
    }
}
