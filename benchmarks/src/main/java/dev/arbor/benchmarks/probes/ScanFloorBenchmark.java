package dev.arbor.benchmarks.probes;

import dev.arbor.benchmarks.collections.HeapPerEntry;
import dev.arbor.benchmarks.collections.LongMapBenchmark;
import dev.arbor.benchmarks.collections.LongMapData;
import dev.arbor.benchmarks.collections.LongMapLib;
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
import org.openjdk.jol.info.GraphLayout;

/**
 * The memory floor under iteration: how long this machine takes to stream as many bytes as Arbor's
 * {@code long -> long} map retains, against the walk of that map, in the same fork.
 *
 * <p>{@code scanSameBytes} sums a flat {@code long[]} of the map's size in bytes (JOL's
 * {@code GraphLayout.totalSize()}, as {@link HeapPerEntry} measures it): a sequential read the
 * hardware prefetches and the JIT vectorizes, the fastest way to touch those bytes once.
 * {@code walkMap} is {@code LongMapBenchmark.iterate} for Arbor ({@code forEachLong}). Both
 * scores are nanoseconds per map; divide by {@code size} for nanoseconds per entry. Once the map
 * outgrows the caches, a walk cannot be much faster than the scan, so the scan bounds what any
 * layout of this many bytes per entry can reach.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
// The JOL flags let it size objects without warnings, as in HeapPerEntry.
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class ScanFloorBenchmark {
    /** Entries in the map. */
    @Param({"100000", "1000000"})
    public int size;

    private LongMapLib arbor;
    private long[] flat;

    /** Builds the map as {@code LongMapBenchmark} does, and a flat array of as many bytes. */
    @Setup(Level.Trial)
    public void setUp() {
        arbor = LongMapLib.of("arbor");
        arbor.load(new LongMapData(size, 42));
        long bytes = GraphLayout.parseInstance(arbor.map()).totalSize();
        flat = new long[Math.toIntExact(bytes / Long.BYTES)];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = i;
        }
    }

    /** The bytes {@link #scanSameBytes} reads. */
    long flatBytes() {
        return (long) flat.length * Long.BYTES;
    }

    /** Sums a flat array as big as the map: ns per map. */
    @Benchmark
    public long scanSameBytes() {
        long sum = 0;
        for (long x : flat) {
            sum += x;
        }
        return sum;
    }

    /** Walks the map with {@code forEachLong}: ns per map. */
    @Benchmark
    public long walkMap() {
        return arbor.iterate();
    }
}
