package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every library's cold-start bodies do the work they are timed for: all lookups hit, the build returns a map. */
class ColdStartBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "scala", "clojure", "vavr", "bifurcan"})
    void theLookupsFindEveryValueAndTheBuildReturnsAMap(String lib) {
        ColdStartBenchmark lookups = new ColdStartBenchmark();
        lookups.lib = lib;
        lookups.prepare(true);
        assertEquals(lookups.expectedLookupSum(), lookups.firstLookups());

        ColdStartBenchmark puts = new ColdStartBenchmark();
        puts.lib = lib;
        puts.prepare(false);
        assertNotNull(puts.firstPersistentPuts());
    }
}
