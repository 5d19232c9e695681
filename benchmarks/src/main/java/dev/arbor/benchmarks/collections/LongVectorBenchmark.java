package dev.arbor.benchmarks.collections;

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
 * Vectors of {@code long}s: build through a transient and one persistent append at a time, get
 * and persistent set at random indexes, iteration, for
 * Arbor ({@code Codec.LONG}, {@code addLong}, {@code getLong}) and its peers. Vavr has no
 * transient (built with {@code ofAll(long...)}), PCollections neither (built with {@code plus});
 * fastutil {@code LongArrayList} and {@code ArrayList<Long>} are mutable baselines.
 *
 * <p>Each {@code lib} runs in its own fork (one adapter class loaded: a monomorphic call). The
 * data comes from a fixed seed, the same for every library. Run with
 * {@code scripts/bench.sh LongVectorBenchmark}; {@code scripts/bench-chart.py} turns the JSON into per-entry
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
public class LongVectorBenchmark {
    /** Entries in the collection. */
    @Param({"1000", "10000", "100000", "1000000"})
    public int size;

    /** The library. */
    @Param({"arbor", "scala", "clojure", "vavr", "pcollections", "bifurcan", "fastutil", "javaArrayList"})
    public String lib;

    private LongVectorData data;
    private LongVectorLib impl;

    /** Makes the data and, for the read benchmarks, the collection. */
    @Setup(Level.Trial)
    public void setUp() {
        data = new LongVectorData(size, 42);
        impl = LongVectorLib.of(lib);
        impl.load(data);
    }

    /** Builds the vector by appending through the transient (or builder): ns per vector (divide by size). */
    @Benchmark
    public Object buildTransient() {
        return impl.build(data);
    }

    /** Builds the vector one persistent append at a time: ns per vector (divide by size). */
    @Benchmark
    public Object buildPersistent() {
        return impl.buildPersistent(data);
    }

    /** Sets elements at random indexes, each set on the previous result: ns per set. */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    public Object update() {
        return impl.update(data);
    }

    /** Reads elements at random indexes: ns per get. */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    public long get() {
        return impl.get(data);
    }

    /** Visits every element through the iterator: ns per vector (divide by size). */
    @Benchmark
    public long iterate() {
        return impl.iterate();
    }
}
