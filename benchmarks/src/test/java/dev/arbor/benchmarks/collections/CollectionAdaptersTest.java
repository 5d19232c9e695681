package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every adapter computes what the benchmark claims to measure: a lookup loop that found the wrong
 * value, or an iteration that skipped entries, would make its numbers meaningless.
 */
class CollectionAdaptersTest {
    private static final int SIZE = 3000;

    static Stream<String> mapLibs() {
        return Stream.of("arbor", "scala", "clojure", "vavr", "pcollections", "bifurcan", "fastutil", "javaHashMap");
    }

    static Stream<String> stringMapLibs() {
        return Stream.of("arbor", "scala", "clojure", "vavr", "pcollections", "bifurcan", "javaHashMap");
    }

    static Stream<String> vectorLibs() {
        return Stream.of("arbor", "scala", "clojure", "vavr", "pcollections", "bifurcan", "fastutil", "javaArrayList");
    }

    @ParameterizedTest
    @MethodSource("mapLibs")
    void longMapAdapterFindsWhatItClaims(String lib) {
        LongMapData d = new LongMapData(SIZE, 7);
        LongMapLib impl = LongMapLib.of(lib);
        impl.load(d);
        assertEquals(d.hitSum, impl.hits(d));
        assertEquals(0, impl.misses(d));
        assertEquals(d.entrySum, impl.iterate());
        assertNotNull(impl.update(d));
        // The persistent build yields a map equivalent to the loaded one.
        LongMapLib rebuilt = LongMapLib.of(lib);
        rebuilt.load(d);
        assertEquals(d.entrySum, rebuilt.iterate());
        assertNotNull(impl.build(d));
    }

    @ParameterizedTest
    @MethodSource("stringMapLibs")
    void stringMapAdapterFindsWhatItClaims(String lib) {
        StringMapData d = new StringMapData(SIZE, 7);
        StringMapLib impl = StringMapLib.of(lib);
        impl.load(d);
        assertEquals(d.hitSum, impl.hits(d));
        assertEquals(0, impl.misses(d));
        assertEquals(d.entrySum, impl.iterate());
        assertNotNull(impl.update(d));
        assertNotNull(impl.build(d));
    }

    @ParameterizedTest
    @MethodSource("vectorLibs")
    void vectorAdapterReadsWhatItClaims(String lib) {
        LongVectorData d = new LongVectorData(SIZE, 7);
        LongVectorLib impl = LongVectorLib.of(lib);
        impl.load(d);
        assertEquals(d.indexSum, impl.get(d));
        assertEquals(d.elementSum, impl.iterate());
        assertNotNull(impl.build(d));
        List<Long> elements = new ArrayList<>();
        for (long e : d.elements) {
            elements.add(e);
        }
        assertEquals(elements, elementsOf(impl.buildPersistent(d)), "appended one at a time");
        List<Long> updated = new ArrayList<>(elements);
        for (int i = 0; i < d.indexes.length; i++) {
            updated.set(d.indexes[i], d.updateValues[i]);
        }
        assertEquals(updated, elementsOf(impl.update(d)), "set at the indexes in turn");
    }

    /** The elements of any library's vector, in order. */
    private static List<Long> elementsOf(Object vector) {
        List<Long> out = new ArrayList<>();
        if (vector instanceof Iterable<?> it) {
            it.forEach(e -> out.add((Long) e));
        } else {
            scala.collection.Iterator<?> it = ((scala.collection.Iterable<?>) vector).iterator();
            while (it.hasNext()) {
                out.add((Long) it.next());
            }
        }
        return out;
    }
}
