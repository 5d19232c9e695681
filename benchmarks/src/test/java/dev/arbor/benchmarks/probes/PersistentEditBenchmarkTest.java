package dev.arbor.benchmarks.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.arbor.benchmarks.collections.LongMapData;
import dev.arbor.benchmarks.collections.LongMapModel;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every edit chain of the benchmark ends in the map a {@link HashMap} given the same edits holds. */
class PersistentEditBenchmarkTest {

    @Test
    void everyChainEndsInTheModelsMap() {
        PersistentEditBenchmark b = new PersistentEditBenchmark();
        b.size = 3000;
        b.setUp();
        LongMapData d = b.data();
        Map<Long, Long> start = LongMapModel.of(d);
        Map<Long, Long> updated = new HashMap<>(start);
        Map<Long, Long> counted = new HashMap<>(start);
        Map<Long, Long> removed = new HashMap<>(start);
        for (int i = 0; i < d.hitKeys.length; i++) {
            updated.put(d.hitKeys[i], d.updateValues[i]);
            counted.merge(d.hitKeys[i], 1L, Long::sum);
            removed.remove(d.hitKeys[i]);
        }
        assertEquals(updated, b.update());
        assertEquals(counted, b.merge());
        assertEquals(counted, b.getPlus());
        assertEquals(removed, b.remove());
        assertSame(b.map(), b.unchanged(), "edits that change nothing return the map itself");
        assertEquals(start, b.map(), "the benchmark's map is never changed");
    }
}
