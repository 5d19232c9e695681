package dev.arbor.benchmarks.collections;

import java.util.SplittableRandom;

/** The inputs of a {@code long} vector benchmark: the elements, unboxed and pre-boxed, and random indexes. */
public final class LongVectorData {
    /** The elements, in order. */
    public final long[] elements;
    /** {@link #elements}, boxed. */
    public final Long[] boxedElements;
    /** New values for {@link #indexes}: {@code updateValues[i]} goes to {@code indexes[i]}. */
    public final long[] updateValues;
    /** {@link #updateValues}, boxed. */
    public final Long[] boxedUpdateValues;
    /** {@link LongMapData#BATCH} random indexes. */
    public final int[] indexes;
    /** Sum of the elements at {@link #indexes}: what a correct get loop returns. */
    public final long indexSum;
    /** Sum of all elements: what a correct iteration returns. */
    public final long elementSum;

    /** Makes {@code size} random elements from a fixed seed (the same data for every library). */
    public LongVectorData(int size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        SplittableRandom random = new SplittableRandom(seed);
        elements = new long[size];
        boxedElements = new Long[size];
        long sum = 0;
        for (int i = 0; i < size; i++) {
            elements[i] = random.nextLong();
            boxedElements[i] = elements[i];
            sum += elements[i];
        }
        elementSum = sum;
        indexes = new int[LongMapData.BATCH];
        long s = 0;
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = random.nextInt(size);
            s += elements[indexes[i]];
        }
        indexSum = s;
        updateValues = new long[indexes.length];
        boxedUpdateValues = new Long[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            updateValues[i] = random.nextLong();
            boxedUpdateValues[i] = updateValues[i];
        }
    }

    /** The number of elements. */
    public int size() {
        return elements.length;
    }
}
