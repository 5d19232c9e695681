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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What a program pays the first time it uses a {@code long -> long} map: one measurement per
 * fresh JVM ({@link Mode#SingleShotTime}, no warmup), so class loading, the interpreter and the
 * JIT's first tiers are all in the number, as at a program's start or in a short-lived tool.
 *
 * <ul>
 *   <li>{@code firstPersistentPuts}: {@link #SIZE} persistent insertions, one at a time, the
 *       library's first calls.</li>
 *   <li>{@code firstLookups}: {@link #LOOKUPS} lookups of present keys in a map the setup built
 *       (the library's classes are loaded, its lookup code has not run yet).</li>
 * </ul>
 *
 * <p>Each fork measures once; the score is the mean over {@value #FORKS} forks per library (JMH
 * also prints each fork's time). Run: {@code scripts/bench.sh 'collections.ColdStartBenchmark'}.
 * JMH generates subclasses of benchmark classes, so they cannot be final.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = ColdStartBenchmark.FORKS, jvmArgs = {"--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class ColdStartBenchmark {
    /** Fresh JVMs per library and benchmark. */
    public static final int FORKS = 10;
    /** Entries put in {@code firstPersistentPuts}, and in the map {@code firstLookups} reads. */
    public static final int SIZE = 10_000;
    /** Lookups in {@code firstLookups}: {@link LongMapData#BATCH} keys, looked up repeatedly. */
    public static final int LOOKUPS = 10 * LongMapData.BATCH;

    /** The library. */
    @Param({"arbor", "scala", "clojure", "vavr", "bifurcan"})
    public String lib;

    private LongMapData data;
    private LongMapLib impl;

    /** Makes the data; for {@code firstLookups} only, also builds the map (the library's fastest way). */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        prepare(params.getBenchmark().endsWith(".firstLookups"));
    }

    /** Makes the data and the adapter of {@link #lib}, and builds the map if {@code loadMap}. */
    void prepare(boolean loadMap) {
        data = new LongMapData(SIZE, 42);
        impl = LongMapLib.of(lib);
        if (loadMap) {
            impl.load(data);
        }
    }

    /** What {@code firstLookups} returns when every lookup finds its value. */
    long expectedLookupSum() {
        return LOOKUPS / LongMapData.BATCH * data.hitSum;
    }

    /** The first persistent insertions a JVM runs with this library. */
    @Benchmark
    public Object firstPersistentPuts() {
        return impl.build(data);
    }

    /** The first lookups a JVM runs with this library, in a map built before the measurement. */
    @Benchmark
    public long firstLookups() {
        long sum = 0;
        for (int i = 0; i < LOOKUPS / LongMapData.BATCH; i++) {
            sum += impl.hits(data);
        }
        return sum;
    }
}
