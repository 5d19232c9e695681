package dev.arbor.benchmarks.probes;

import dev.arbor.api.Allocator;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.benchmarks.nativeformat.NativeData;
import dev.arbor.benchmarks.nativeformat.NativeWorkloads;
import dev.arbor.collections.champ.PersistentMap;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full {@code forEachLong} walk of a {@code long -> long} map whose nodes lie in walk order (a
 * transient from empty: one bulk build) or are scattered (a transient from a one-entry map: put
 * by put), in both formats: what the walk's reading of child headers ahead gains on scattered
 * nodes and why a fresh bulk build is walked without it. Nanoseconds per map.
 *
 * <p>Two more builds show the layout a long-lived map has: {@code bulkAged} is a bulk build that
 * young collections then moved (G1 copies the nodes in its own order, as it does to every map a
 * program keeps), and {@code bulkAgedTouched} the same after one update and its undo, so that the
 * walk reads child headers ahead. For the arena format nothing moves: they measure the same as
 * {@code bulk}.
 *
 * <p>Run: {@code scripts/bench.sh 'probes.WalkLayoutBenchmark'}. JMH generates subclasses of
 * benchmark classes, so they cannot be final.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class WalkLayoutBenchmark {
    /** Entries in the map. */
    @Param({"1000000"})
    public int size;

    /** {@value NativeWorkloads#MANAGED} or {@value NativeWorkloads#ARENA}. */
    @Param({NativeWorkloads.MANAGED, NativeWorkloads.ARENA})
    public String format;

    /** {@code bulk} (nodes in walk order), {@code putByPut} (nodes scattered), {@code bulkAged} or {@code bulkAgedTouched}. */
    @Param({"bulk", "putByPut", "bulkAged", "bulkAgedTouched"})
    public String build;

    NativeData data;
    Allocator arena;
    PersistentMap<Long, Long> map;

    /** Makes the data. */
    @Setup(Level.Trial)
    public void makeData() {
        data = new NativeData(size, 42);
    }

    /** Opens the arena (per iteration: it is confined to its creating thread) and builds the map. */
    @Setup(Level.Iteration)
    public void buildMap() {
        arena = NativeWorkloads.open(format);
        map = switch (build) {
            case "bulk" -> NativeWorkloads.buildMapIn(arena, data);
            case "putByPut" -> NativeWorkloads.buildMapPutByPutIn(arena, data);
            case "bulkAged" -> aged(NativeWorkloads.buildMapIn(arena, data));
            case "bulkAgedTouched" -> {
                PersistentMap<Long, Long> m = NativeWorkloads.buildMapIn(arena, data);
                long absent = Long.MIN_VALUE;
                while (m.containsLong(absent)) {
                    absent++;
                }
                try (AllocatorScope s = arena == null ? null : CurrentAllocator.use(arena)) {
                    m = m.plusLong(absent, 0).minusLong(absent);
                }
                yield aged(m);
            }
            default -> throw new IllegalArgumentException(
                    "build must be 'bulk', 'putByPut', 'bulkAged' or 'bulkAgedTouched', got '" + build + "'");
        };
    }

    /** Allocates garbage until two more young collections ran, so that G1 moved {@code map}'s nodes. */
    private static PersistentMap<Long, Long> aged(PersistentMap<Long, Long> map) {
        long before = youngCollections();
        Object[] churn = new Object[64];
        for (int i = 0; youngCollections() < before + 2; i++) {
            churn[i & 63] = new long[8192];
        }
        return map;
    }

    private static long youngCollections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().contains("Young")) {
                n += gc.getCollectionCount();
            }
        }
        return n;
    }

    /** Drops the map, then frees the arena. */
    @TearDown(Level.Iteration)
    public void close() {
        map = null;
        NativeWorkloads.close(arena);
        arena = null;
    }

    /** Every entry through {@code forEachLong}: ns per map. */
    @Benchmark
    public long iterate() {
        return NativeWorkloads.iterateMap(map);
    }
}
