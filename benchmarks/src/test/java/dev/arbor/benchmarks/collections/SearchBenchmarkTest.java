package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every library's search in the benchmark reads to the end and finds nothing; the java.util hashes agree. */
class SearchBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "arborGeneric", "scala", "vavr", "java"})
    void everySearchMissesTheAbsentElement(String lib) {
        SearchBenchmark b = new SearchBenchmark();
        b.size = 3000;
        b.lib = lib;
        b.setUp();
        assertEquals(-1, b.vectorIndexOfAbsent());
        assertFalse(b.mapContainsValueAbsent());
        if (!lib.equals("scala") && !lib.equals("vavr")) {
            LongVectorData d = new LongVectorData(3000, 42);
            assertEquals(Arrays.asList(d.boxedElements).hashCode(), b.vectorHashCode());
        }
    }
}
