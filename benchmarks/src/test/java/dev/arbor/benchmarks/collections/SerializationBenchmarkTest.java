package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every library's map in the benchmark reads back equal to what it wrote. */
class SerializationBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "scala", "clojure", "vavr", "pcollections", "fastutil", "javaHashMap"})
    void everyMapReadsBackEqual(String lib) {
        SerializationBenchmark b = new SerializationBenchmark();
        b.size = 3000;
        b.lib = lib;
        b.setUp();
        Object back = b.read();
        assertNotSame(b.map(), back);
        assertEquals(b.map(), back);
        assertEquals(b.serializedBytes(), b.write().length);
        assertTrue(b.serializedBytes() >= 16 * 3000, "at least the entries' words: " + b.serializedBytes());
    }
}
