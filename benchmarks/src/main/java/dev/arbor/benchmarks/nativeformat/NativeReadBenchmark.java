package dev.arbor.benchmarks.nativeformat;

import dev.arbor.api.Allocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.vector.PersistentVector;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a {@code long -> long} map and a {@code long} vector, native format (built with an arena
 * current) against managed (built with none): random {@code getLong} hits in nanoseconds per
 * lookup, and full iterations in nanoseconds per collection (divide by {@code size} for per entry).
 *
 * <p>The collections are built through a transient in setup, as in {@link NativeBuildBenchmark};
 * the reads run with no allocator current, on the thread that owns the confined arena. Run: {@code scripts/bench.sh 'nativeformat.NativeReadBenchmark'}. JMH generates
 * subclasses of benchmark classes, so they cannot be final.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class NativeReadBenchmark {
    /** Entries in the map (elements in the vector). */
    @Param({"10000", "100000", "1000000"})
    public int size;

    /**
     * {@value NativeWorkloads#MANAGED}, {@value NativeWorkloads#ARENA} (confined: the owner's reads
     * are direct) or {@value NativeWorkloads#SHARED_ARENA} (every read checks the generation's
     * scope, as any thread's read of a shared arena's value does).
     */
    @Param({NativeWorkloads.MANAGED, NativeWorkloads.ARENA, NativeWorkloads.SHARED_ARENA})
    public String format;

    NativeData data;
    Allocator arena;
    PersistentMap<Long, Long> map;
    PersistentVector<Long> vector;

    /** Makes the data. */
    @Setup(Level.Trial)
    public void makeData() {
        data = new NativeData(size, 42);
    }

    /** Opens the arena (per iteration: it is confined to its creating thread) and builds both collections. */
    @Setup(Level.Iteration)
    public void build() {
        arena = NativeWorkloads.open(format);
        map = NativeWorkloads.buildMapIn(arena, data);
        vector = NativeWorkloads.buildVectorIn(arena, data);
    }

    /** Drops the collections, then frees the arena. */
    @TearDown(Level.Iteration)
    public void close() {
        map = null;
        vector = null;
        NativeWorkloads.close(arena);
        arena = null;
    }

    /** {@value NativeData#BATCH} {@code map.getLong} of keys present, at random: ns per lookup. */
    @Benchmark
    @OperationsPerInvocation(NativeData.BATCH)
    public long mapGetLongHit() {
        return NativeWorkloads.sumHits(map, data.hitKeys);
    }

    /** {@value NativeData#BATCH} {@code vector.getLong} at random indices: ns per lookup. */
    @Benchmark
    @OperationsPerInvocation(NativeData.BATCH)
    public long vectorGetLong() {
        return NativeWorkloads.sumIndices(vector, data.hitIndices);
    }

    /** Every entry of the map through {@code forEachLong}: ns per map. */
    @Benchmark
    public long mapIterate() {
        return NativeWorkloads.iterateMap(map);
    }

    /** Every element of the vector through {@code forEachLong}: ns per vector. */
    @Benchmark
    public long vectorIterate() {
        return NativeWorkloads.iterateVector(vector);
    }
}
