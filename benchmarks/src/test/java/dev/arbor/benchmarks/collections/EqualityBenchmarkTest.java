package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The equality benchmark compares what it says: equal collections, and maps with one value changed or one key replaced. */
class EqualityBenchmarkTest {

    @Test
    void everyComparisonIsBetweenEqualMaps() {
        EqualityBenchmark b = new EqualityBenchmark();
        b.size = 3000;
        b.setUp();
        assertTrue(b.mapShared());
        assertFalse(b.mapOneValueChanged());
        assertFalse(b.mapOneKeyReplaced());
        assertTrue(b.mapSeparate());
        assertTrue(b.mapEntryByEntry());
        assertTrue(b.vectorShared());
        assertTrue(b.vectorSeparate());
        assertTrue(b.vectorElementByElement());
    }
}
