package dev.arbor.benchmarks.nativeformat;

import dev.arbor.api.Allocator;
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
 * Building a {@code long -> long} map and a {@code long} vector through a transient, native format
 * (an arena current) against managed (none current): nanoseconds per build (divide by
 * {@code size} for per entry).
 *
 * <p>Each format pays for its memory inside the measurement: the arena is reset at the end of
 * every build ({@link NativeWorkloads#buildMapAndDrop}); the managed build's garbage is collected
 * by the JVM while the benchmark runs (run with {@code -prof gc} to see collector time and
 * bytes allocated per build). The arena is warm, as in a program that reuses one: its chunks
 * were reserved by a first build in setup and are retained across resets.
 *
 * <p>Each parameter combination runs in its own fork with the same fixed heap. Run:
 * {@code scripts/bench.sh 'nativeformat.NativeBuildBenchmark'}. JMH generates subclasses of
 * benchmark classes, so they cannot be final.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The same flags and fixed heap as the collection suites' forks.
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class NativeBuildBenchmark {
    /** Entries in the map (elements in the vector). */
    @Param({"10000", "100000", "1000000"})
    public int size;

    /** {@value NativeWorkloads#MANAGED} or {@value NativeWorkloads#ARENA}. */
    @Param({NativeWorkloads.MANAGED, NativeWorkloads.ARENA})
    public String format;

    NativeData data;
    /** The arena, or {@code null} for the managed format. */
    Allocator arena;

    /** Makes the data. */
    @Setup(Level.Trial)
    public void makeData() {
        data = new NativeData(size, 42);
    }

    /**
     * Opens the arena and warms it with one build of each collection. Per iteration because the
     * arena is confined to the thread that creates it, and JMH does not promise the same worker
     * thread for every iteration.
     */
    @Setup(Level.Iteration)
    public void open() {
        arena = NativeWorkloads.open(format);
        NativeWorkloads.buildMapAndDrop(arena, data);
        NativeWorkloads.buildVectorAndDrop(arena, data);
    }

    /** Frees the arena's chunks. */
    @TearDown(Level.Iteration)
    public void close() {
        NativeWorkloads.close(arena);
        arena = null;
    }

    /** Builds the map through {@code putLong}, then resets the arena (native) or drops the map (managed). */
    @Benchmark
    public long buildMap() {
        return NativeWorkloads.buildMapAndDrop(arena, data);
    }

    /** Builds the vector through {@code addLong}, then resets the arena (native) or drops the vector (managed). */
    @Benchmark
    public long buildVector() {
        return NativeWorkloads.buildVectorAndDrop(arena, data);
    }
}
