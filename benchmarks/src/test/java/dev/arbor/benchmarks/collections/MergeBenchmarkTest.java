package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every library's counting loop in the benchmark adds 1 per occurrence of each hit key. */
class MergeBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "arborGetPlus", "scala", "clojure", "vavr", "javaHashMap"})
    void everyLibraryCounts(String lib) {
        MergeBenchmark b = new MergeBenchmark();
        b.size = 3000;
        b.lib = lib;
        b.setUp();
        LongMapData d = new LongMapData(3000, 42);
        Map<Long, Long> expected = LongMapModel.of(d);
        for (long k : d.hitKeys) {
            expected.merge(k, 1L, Long::sum);
        }
        assertEquals(expected, asJava(b.count()));
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, Long> asJava(Object m) {
        if (m instanceof scala.collection.immutable.HashMap<?, ?> s) {
            return new HashMap<>((Map<Long, Long>) scala.jdk.javaapi.CollectionConverters.asJava(s));
        }
        if (m instanceof io.vavr.collection.HashMap<?, ?> v) {
            return new HashMap<>((Map<Long, Long>) v.toJavaMap());
        }
        return new HashMap<>((Map<Long, Long>) m);
    }
}
