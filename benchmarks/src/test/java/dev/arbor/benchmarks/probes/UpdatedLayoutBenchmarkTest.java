package dev.arbor.benchmarks.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.benchmarks.collections.LongMapData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every build of the benchmark holds the data's entries (updated ones: each value plus 1). */
class UpdatedLayoutBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"transient", "persistent", "updated"})
    void everyBuildHoldsTheEntries(String build) {
        UpdatedLayoutBenchmark b = new UpdatedLayoutBenchmark();
        b.size = 3000;
        b.build = build;
        b.setUp();
        LongMapData d = new LongMapData(3000, 42);
        long shift = build.equals("updated") ? 1 : 0;
        assertEquals(d.keys.length, b.map().size());
        for (int i = 0; i < d.keys.length; i++) {
            assertEquals(d.values[i] + shift, b.map().getLong(d.keys[i]));
        }
        long expected = 0;
        for (long k : d.hitKeys) {
            expected += b.map().getLong(k);
        }
        assertEquals(expected, b.lookupHit());
    }
}
