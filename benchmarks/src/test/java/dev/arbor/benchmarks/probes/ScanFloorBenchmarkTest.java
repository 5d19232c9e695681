package dev.arbor.benchmarks.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.benchmarks.collections.LongMapData;
import org.junit.jupiter.api.Test;

/** The floor benchmark reads what it claims: the map's bytes once, and every entry of the map. */
class ScanFloorBenchmarkTest {

    @Test
    void scansAsManyBytesAsTheMapRetainsAndWalksEveryEntry() {
        ScanFloorBenchmark b = new ScanFloorBenchmark();
        b.size = 3000;
        b.setUp();
        assertEquals(new LongMapData(3000, 42).entrySum, b.walkMap());
        long words = b.flatBytes() / Long.BYTES;
        assertEquals(words * (words - 1) / 2, b.scanSameBytes(), "the scan reads every word once");
        double perEntry = (double) b.flatBytes() / b.size;
        // Arbor's long -> long map retains 16 bytes of entry and at most 32 in all (LongMapFootprintTest).
        assertTrue(perEntry >= 16 && perEntry <= 32, "bytes per entry of the scanned array: " + perEntry);
    }
}
