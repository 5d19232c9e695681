package dev.arbor.benchmarks.nativeformat;

import dev.arbor.api.Allocator;
import dev.arbor.collections.champ.PersistentMap;
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
 * The reset alone of an arena holding a whole {@code long -> long} map of {@code size} entries:
 * each invocation's setup ({@link Level#Invocation}, outside the timing) builds the map, the
 * benchmark resets the arena. Sampled, so the JSON holds percentiles and the worst reset.
 *
 * <p>{@code resetMode}: {@code RETAIN_CAPACITY} keeps the chunks for the next generation (the
 * arena's default); {@code FREE_ALL} returns every chunk to the system, the cost a program pays
 * when it gives the memory back. Run: {@code scripts/bench.sh 'nativeformat.ArenaResetBenchmark'}.
 * JMH generates subclasses of benchmark classes, so they cannot be final.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class ArenaResetBenchmark {
    /** Entries in the map the arena holds at each reset. */
    @Param({"10000", "1000000"})
    public int size;

    /** The arena's reset mode. */
    @Param({"RETAIN_CAPACITY", "FREE_ALL"})
    public String resetMode;

    NativeData data;
    Allocator arena;
    /** The map in the arena; kept so the fill is not dead code. */
    PersistentMap<Long, Long> map;

    /** Makes the data. */
    @Setup(Level.Trial)
    public void makeData() {
        data = new NativeData(size, 42);
    }

    /** Opens the arena (per iteration: it is confined to its creating thread). */
    @Setup(Level.Iteration)
    public void open() {
        arena = NativeWorkloads.newArena(resetMode);
    }

    /** Fills the arena with the map; not timed. */
    @Setup(Level.Invocation)
    public void fill() {
        map = NativeWorkloads.buildMapIn(arena, data);
    }

    /** Frees the arena. */
    @TearDown(Level.Iteration)
    public void close() {
        map = null;
        arena.close();
        arena = null;
    }

    /** Resets the arena: every node of the map is freed at once. Returns the new generation. */
    @Benchmark
    public long reset() {
        arena.reset();
        return arena.generation();
    }
}
