package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every comparison the equality benchmark times is between equal maps, so each reads the whole answer. */
class MapEqualityBenchmarkTest {

    @Test
    void everyComparisonIsBetweenEqualMaps() {
        MapEqualityBenchmark b = new MapEqualityBenchmark();
        b.size = 3000;
        b.setUp();
        assertTrue(b.sharedStructure());
        assertTrue(b.separateStructure());
        assertTrue(b.entryByEntry());
    }
}
