package dev.arbor.benchmarks.collections;

import java.util.Arrays;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Linear searches and hashes over every element: a {@code long} vector's {@code indexOf} of an
 * absent element and its {@code hashCode}, and a {@code long -> long} map's
 * {@code containsValue} of an absent value, each the library's own method ({@code java} is
 * {@code ArrayList} and {@code HashMap}). {@code arborGeneric} runs the generic loops of
 * {@code AbstractList} and {@code AbstractMap} (an iterator, a box and
 * {@code equals} per element; an entry per mapping) on Arbor's collections. Microseconds per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class SearchBenchmark {
    /** Elements in the vector and entries in the map. */
    @Param({"1000", "1000000"})
    public int size;

    /** The library. */
    @Param({"arbor", "arborGeneric", "scala", "vavr", "java"})
    public String lib;

    private Object vector;
    private Object map;
    /** In neither the vector nor the map's values: every search reads all elements. */
    private Long absent;

    /** Loads both collections with the library's fastest builder. */
    @Setup(Level.Trial)
    public void setUp() {
        LongVectorData vd = new LongVectorData(size, 42);
        LongVectorLib v = LongVectorLib.of(lib.equals("java") ? "javaArrayList" : lib.equals("arborGeneric") ? "arbor" : lib);
        v.load(vd);
        vector = v.vector();
        LongMapData md = new LongMapData(size, 42);
        LongMapLib m = LongMapLib.of(lib.equals("java") ? "javaHashMap" : lib.equals("arborGeneric") ? "arbor" : lib);
        m.load(md);
        map = m.map();
        long[] taken = Arrays.copyOf(vd.elements, size * 2);
        System.arraycopy(md.values, 0, taken, size, size);
        Arrays.sort(taken);
        long a = 0x5EED;
        while (Arrays.binarySearch(taken, a) >= 0) {
            a++;
        }
        absent = a;
    }

    /** The index of an absent element: -1 after reading all of them. */
    @Benchmark
    @SuppressWarnings("unchecked")
    public int vectorIndexOfAbsent() {
        return switch (lib) {
            case "scala" -> ((scala.collection.immutable.Vector<Long>) vector).indexOf(absent);
            case "vavr" -> ((io.vavr.collection.Vector<Long>) vector).indexOf(absent);
            case "arborGeneric" -> genericIndexOf((List<Long>) vector, absent);
            default -> ((List<Long>) vector).indexOf(absent);
        };
    }

    /** The vector's hash code (Arbor's is computed at each call). */
    @Benchmark
    @SuppressWarnings("unchecked")
    public int vectorHashCode() {
        return lib.equals("arborGeneric") ? genericHashCode((List<Long>) vector) : vector.hashCode();
    }

    /** Whether the map holds an absent value: false after reading all of them. */
    @Benchmark
    @SuppressWarnings("unchecked")
    public boolean mapContainsValueAbsent() {
        return switch (lib) {
            case "scala" -> ((scala.collection.immutable.HashMap<Long, Long>) map).valuesIterator().contains(absent);
            case "vavr" -> ((io.vavr.collection.HashMap<Long, Long>) map).containsValue(absent);
            case "arborGeneric" -> genericContainsValue((Map<Long, Long>) map, absent);
            default -> ((Map<Long, Long>) map).containsValue(absent);
        };
    }

    private static int genericIndexOf(List<Long> list, Object o) {
        ListIterator<Long> it = list.listIterator();
        while (it.hasNext()) {
            if (o.equals(it.next())) {
                return it.previousIndex();
            }
        }
        return -1;
    }

    private static int genericHashCode(List<Long> list) {
        int h = 1;
        for (Long e : list) {
            h = 31 * h + e.hashCode();
        }
        return h;
    }

    private static boolean genericContainsValue(Map<Long, Long> map, Object value) {
        for (Map.Entry<Long, Long> e : map.entrySet()) {
            if (value.equals(e.getValue())) {
                return true;
            }
        }
        return false;
    }
}
