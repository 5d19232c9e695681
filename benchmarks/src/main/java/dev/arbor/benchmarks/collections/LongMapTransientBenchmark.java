package dev.arbor.benchmarks.collections;

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
 * {@code long -> long} maps built through a transient: Arbor ({@code putLong}), Scala
 * ({@code newBuilder}), Clojure ({@code asTransient}), Bifurcan ({@code linear}); fastutil and
 * {@code java.util.HashMap} puts as mutable baselines. Vavr and PCollections have no transient.
 *
 * <p>Each {@code lib} runs in its own fork (one adapter class loaded: a monomorphic call). The
 * data comes from a fixed seed, the same for every library. Run with
 * {@code scripts/bench.sh LongMapTransientBenchmark}; {@code scripts/bench-chart.py} turns the JSON into per-entry
 * numbers and a chart. JMH generates subclasses of benchmark classes, so they cannot be final.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
// The same flags as AllocationBenchmark's forks, and a fixed heap so every library gets the same GC room.
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class LongMapTransientBenchmark {
    /** Entries in the collection. */
    @Param({"1000", "10000", "100000", "1000000"})
    public int size;

    /** The library. */
    @Param({"arbor", "scala", "clojure", "bifurcan", "fastutil", "javaHashMap"})
    public String lib;

    private LongMapData data;
    private LongMapLib impl;

    /** Makes the data and, for the read benchmarks, the collection. */
    @Setup(Level.Trial)
    public void setUp() {
        data = new LongMapData(size, 42);
        impl = LongMapLib.of(lib);
        impl.load(data);
    }

    /** Builds the map through the transient (or builder): ns per map (divide by size). */
    @Benchmark
    public Object buildTransient() {
        return impl.buildTransient(data);
    }
}
