package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every library's counting loop adds 1 per occurrence of each hit key, invocation after invocation. */
class TransientMergeBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "arborGetPut", "clojure", "bifurcan", "fastutil", "javaHashMap"})
    void everyLibraryCounts(String lib) {
        TransientMergeBenchmark b = new TransientMergeBenchmark();
        b.size = 3000;
        b.lib = lib;
        b.setUp();
        b.count();
        b.count();
        LongMapData d = new LongMapData(3000, 42);
        Map<Long, Long> expected = LongMapModel.of(d);
        for (long k : d.hitKeys) {
            expected.merge(k, 2L, Long::sum);
        }
        assertEquals(expected, b.contents());
    }
}
