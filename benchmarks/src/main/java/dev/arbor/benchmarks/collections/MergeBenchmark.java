package dev.arbor.benchmarks.collections;

import dev.arbor.collections.champ.PersistentMap;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting: {@link LongMapData#BATCH} chained merges of 1 into the value of an existing key of a
 * {@code long -> long} map, each the library's own read-and-update: Arbor's
 * {@code plusLong(k, 1, Long::sum)} ({@code arbor}) and the same by hand, a {@code getLong} then
 * a {@code plusLong} ({@code arborGetPlus}); Scala's {@code updatedWith}, Clojure's {@code assoc}
 * of {@code valAt} + 1, Vavr's {@code put(k, 1, Long::sum)}, and {@link HashMap#merge} in place
 * ({@code javaHashMap}). Nanoseconds per merge.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class MergeBenchmark {
    /** Entries in the map. */
    @Param({"1000", "1000000"})
    public int size;

    /** The library. */
    @Param({"arbor", "arborGetPlus", "scala", "clojure", "vavr", "javaHashMap"})
    public String lib;

    private LongMapData data;
    private Object map;

    /** Loads the map with the library's fastest builder. */
    @Setup(Level.Trial)
    public void setUp() {
        data = new LongMapData(size, 42);
        LongMapLib impl = LongMapLib.of(lib.equals("arborGetPlus") ? "arbor" : lib);
        impl.load(data);
        map = impl.map();
    }

    /** The map after one merge per hit key (a persistent library's last version). */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    @SuppressWarnings("unchecked")
    public Object count() {
        return switch (lib) {
            case "arbor" -> {
                PersistentMap<Long, Long> m = (PersistentMap<Long, Long>) map;
                for (long k : data.hitKeys) {
                    m = m.plusLong(k, 1, Long::sum);
                }
                yield m;
            }
            case "arborGetPlus" -> {
                PersistentMap<Long, Long> m = (PersistentMap<Long, Long>) map;
                for (long k : data.hitKeys) {
                    m = m.plusLong(k, m.getLongOrDefault(k, 0) + 1);
                }
                yield m;
            }
            case "scala" -> {
                scala.collection.immutable.HashMap<Long, Long> m = (scala.collection.immutable.HashMap<Long, Long>) map;
                for (Long k : data.boxedHitKeys) {
                    m = m.updatedWith(k, old -> old.isEmpty() ? scala.Option.apply(1L) : scala.Option.apply(old.get() + 1));
                }
                yield m;
            }
            case "clojure" -> {
                clojure.lang.IPersistentMap m = (clojure.lang.IPersistentMap) map;
                for (Long k : data.boxedHitKeys) {
                    Object old = m.valAt(k);
                    m = m.assoc(k, old == null ? 1L : (Long) old + 1);
                }
                yield m;
            }
            case "vavr" -> {
                io.vavr.collection.HashMap<Long, Long> m = (io.vavr.collection.HashMap<Long, Long>) map;
                for (Long k : data.boxedHitKeys) {
                    m = m.put(k, 1L, Long::sum);
                }
                yield m;
            }
            case "javaHashMap" -> {
                HashMap<Long, Long> m = (HashMap<Long, Long>) map;
                for (Long k : data.boxedHitKeys) {
                    m.merge(k, 1L, Long::sum);
                }
                yield m;
            }
            default -> throw new IllegalArgumentException("unknown lib '" + lib + "'");
        };
    }
}
