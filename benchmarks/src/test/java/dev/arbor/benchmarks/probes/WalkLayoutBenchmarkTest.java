package dev.arbor.benchmarks.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.benchmarks.nativeformat.NativeWorkloads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The walk-layout probe walks the same map, whichever way it was built. */
class WalkLayoutBenchmarkTest {
    private static final int SIZE = 10_000;

    @ParameterizedTest
    @ValueSource(strings = {NativeWorkloads.MANAGED, NativeWorkloads.ARENA})
    void walkLayoutBenchmarkWalksTheSameEntriesWhicheverWayTheMapWasBuilt(String format) {
        for (String build : new String[] {"bulk", "putByPut", "bulkAged", "bulkAgedTouched"}) {
            WalkLayoutBenchmark b = new WalkLayoutBenchmark();
            b.size = SIZE;
            b.format = format;
            b.build = build;
            b.makeData();
            b.buildMap();
            try {
                assertEquals(SIZE, b.map.size(), build);
                assertEquals(b.data.entrySum, b.iterate(), build);
                assertNull(CurrentAllocator.get(), "no allocator may stay current after a build");
            } finally {
                b.close();
            }
        }
    }
}
