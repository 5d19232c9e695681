package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every comparison the equality benchmark times is between equal maps, so each reads the whole answer. */
class EqualityBenchmarkTest {

    @Test
    void everyComparisonIsBetweenEqualMaps() {
        EqualityBenchmark b = new EqualityBenchmark();
        b.size = 3000;
        b.setUp();
        assertTrue(b.mapShared());
        assertTrue(b.mapSeparate());
        assertTrue(b.mapEntryByEntry());
        assertTrue(b.vectorShared());
        assertTrue(b.vectorSeparate());
        assertTrue(b.vectorElementByElement());
    }
}
