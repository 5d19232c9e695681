package dev.arbor.benchmarks.probes;

import dev.arbor.benchmarks.collections.LongMapBenchmark;
import dev.arbor.benchmarks.collections.LongMapData;
import dev.arbor.benchmarks.collections.LongMapLib;
import dev.arbor.collections.champ.PersistentMap;
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
 * Arbor's persistent edits of a {@code long -> long} map, alone, to compare two builds of the
 * library on the paths a path copy takes (run the two jars alternately; {@code -prof gc} gives the
 * bytes per edit). Each benchmark chains {@link LongMapData#BATCH} edits, each on the previous
 * result, from the same transient-built map: {@code update} (the value of {@link LongMapBenchmark}'s
 * update; a key drawn twice gets the same value again, an edit that changes nothing),
 * {@code unchanged} (a key's own value: the descent and the register, nothing copied),
 * {@code merge} ({@code plusLong(k, 1, Long::sum)}, every edit a change), {@code getPlus} (the same
 * by hand, a lookup then a put) and {@code remove} ({@code minusLong}; a key drawn twice is absent
 * the second time). Nanoseconds per edit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class PersistentEditBenchmark {
    /** Entries in the map. */
    @Param({"1000", "1000000"})
    public int size;

    private LongMapData data;
    /** Arbor's adapter of {@link LongMapBenchmark}: its map and its update loop. */
    private LongMapLib arbor;
    private PersistentMap<Long, Long> map;

    /** Builds the map with a transient, as {@link LongMapBenchmark} does. */
    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        data = new LongMapData(size, 42);
        arbor = LongMapLib.of("arbor");
        arbor.load(data);
        map = (PersistentMap<Long, Long>) arbor.map();
    }

    PersistentMap<Long, Long> map() {
        return map;
    }

    LongMapData data() {
        return data;
    }

    /** Each hit key given its update value: {@link LongMapBenchmark#update}'s loop. */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    public Object update() {
        return arbor.update(data);
    }

    /** Each hit key given the value it has: the map itself every time. */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    public PersistentMap<Long, Long> unchanged() {
        PersistentMap<Long, Long> m = map;
        for (long k : data.hitKeys) {
            m = m.plusLong(k, m.getLong(k));
        }
        return m;
    }

    /** One added to the value of each hit key, by a merge. */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    public PersistentMap<Long, Long> merge() {
        PersistentMap<Long, Long> m = map;
        for (long k : data.hitKeys) {
            m = m.plusLong(k, 1, Long::sum);
        }
        return m;
    }

    /** One added to the value of each hit key, by a lookup and a put. */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    public PersistentMap<Long, Long> getPlus() {
        PersistentMap<Long, Long> m = map;
        for (long k : data.hitKeys) {
            m = m.plusLong(k, m.getLong(k) + 1);
        }
        return m;
    }

    /** Each hit key removed. */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    public PersistentMap<Long, Long> remove() {
        PersistentMap<Long, Long> m = map;
        for (long k : data.hitKeys) {
            m = m.minusLong(k);
        }
        return m;
    }
}
