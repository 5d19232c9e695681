package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every variant of the parallel stream benchmark sums the same keys, sequentially and in parallel. */
class ParallelStreamBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "arborIterator", "arborLongStream", "javaHashSet", "arborMapKeys", "arborMapKeyLongStream", "arborVector", "arborVectorGet", "arborVectorLongStream", "javaArrayList"})
    void everySumIsTheSumOfTheKeys(String lib) {
        ParallelStreamBenchmark b = new ParallelStreamBenchmark();
        b.size = 5000;
        b.lib = lib;
        b.setUp();
        long expected = 0;
        for (long k : new LongMapData(5000, 42).keys) {
            expected += k;
        }
        assertEquals(5000, b.set().size());
        assertEquals(expected, b.sequentialSum());
        assertEquals(expected, b.parallelSum());
    }
}
