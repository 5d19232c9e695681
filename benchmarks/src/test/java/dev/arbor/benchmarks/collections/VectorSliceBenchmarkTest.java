package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every library's slices in the benchmark hold the range they name. */
class VectorSliceBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "arborCopy", "scala", "clojure", "vavr", "pcollections"})
    void everySliceHoldsItsRange(String lib) {
        VectorSliceBenchmark b = new VectorSliceBenchmark();
        b.size = 3000;
        b.lib = lib;
        b.setUp();
        LongVectorData d = new LongVectorData(3000, 42);
        assertEquals(elements(d, 1, 3000), asList(b.dropFirst()));
        assertEquals(elements(d, 750, 2250), asList(b.middleHalf()));
    }

    private static List<Long> elements(LongVectorData d, int from, int to) {
        return java.util.Arrays.stream(d.elements, from, to).boxed().toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> asList(Object slice) {
        if (slice instanceof scala.collection.immutable.Vector<?> v) {
            return (List<Long>) scala.jdk.javaapi.CollectionConverters.asJava(v);
        }
        if (slice instanceof io.vavr.collection.Vector<?> v) {
            return (List<Long>) v.asJava();
        }
        return (List<Long>) slice;
    }
}
