package dev.arbor.benchmarks;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.NativeHeap;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.benchmarks.nativeformat.NativeData;
import dev.arbor.benchmarks.nativeformat.NativeWorkloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Whether Arbor's allocation paths scale with threads: each operation runs on one thread and on
 * two, each thread with its own confined arena, and JMH reports the total throughput of all
 * threads. Two threads on two cores should reach close to twice one thread's throughput; a
 * process-wide write on the path (a shared counter, a shared cache) shows up as a lower ratio,
 * because the threads then take turns owning that cache line.
 *
 * <ul>
 *   <li>{@code allocateAndFree}: a 64-byte block from the routing heap (the current allocator),
 *       returned to the allocator that owns its address: the path every native node takes.</li>
 *   <li>{@code buildAndDropMap}: a {@value #MAP_SIZE}-entry {@code long -> long} map built in the
 *       arena through a transient, then the arena's reset.</li>
 *   <li>{@code openAndCloseScope}: making the arena current on a thread that had no allocator
 *       current, and closing the scope.</li>
 * </ul>
 *
 * <p>Read the ratio {@code *_2threads / *_1thread} of each operation from one run. Run:
 * {@code scripts/bench.sh ThreadScalingBenchmark}. The machine needs at least two idle cores. JMH
 * generates subclasses of benchmark and state classes, so they cannot be final.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ThreadScalingBenchmark {
    /** Blocks allocated and freed per invocation of {@code allocateAndFree}. */
    public static final int BATCH = 1024;
    /** Entries of the map {@code buildAndDropMap} builds. */
    public static final int MAP_SIZE = 1000;
    private static final long BLOCK_BYTES = 64;
    private static final long ALIGN = 8;

    /**
     * One arena per worker thread. Per iteration because the arena is confined to the thread that
     * creates it, and JMH does not promise the same worker thread for every iteration. No allocator
     * is current between invocations: each operation opens its own scope, as a program does.
     */
    @State(Scope.Thread)
    public static class ThreadArena {
        Allocator arena;
        NativeData data;

        /** Makes the map's data, once per worker. */
        @Setup(Level.Trial)
        public void makeData() {
            data = new NativeData(MAP_SIZE, 42);
        }

        /** Creates this thread's arena and warms it with one map build. */
        @Setup(Level.Iteration)
        public void open() {
            arena = NativeWorkloads.newArena("RETAIN_CAPACITY");
            NativeWorkloads.buildMapAndDrop(arena, data);
        }

        /** Frees the arena. */
        @TearDown(Level.Iteration)
        public void close() {
            arena.close();
        }
    }

    /** Allocates and frees {@link #BATCH} blocks through the routing heap, on one thread. */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public void allocateAndFree_1thread(ThreadArena s, Blackhole bh) {
        allocateAndFree(s, bh);
    }

    /** As {@link #allocateAndFree_1thread}, on two threads at once. */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public void allocateAndFree_2threads(ThreadArena s, Blackhole bh) {
        allocateAndFree(s, bh);
    }

    /** Builds a map in this thread's arena and resets the arena, on one thread. */
    @Benchmark
    @Threads(1)
    public long buildAndDropMap_1thread(ThreadArena s) {
        return buildAndDropMap(s);
    }

    /** As {@link #buildAndDropMap_1thread}, on two threads at once. */
    @Benchmark
    @Threads(2)
    public long buildAndDropMap_2threads(ThreadArena s) {
        return buildAndDropMap(s);
    }

    /** Opens and closes a scope of this thread's arena, on one thread. */
    @Benchmark
    @Threads(1)
    public Allocator openAndCloseScope_1thread(ThreadArena s) {
        return openAndCloseScope(s);
    }

    /** As {@link #openAndCloseScope_1thread}, on two threads at once. */
    @Benchmark
    @Threads(2)
    public Allocator openAndCloseScope_2threads(ThreadArena s) {
        return openAndCloseScope(s);
    }

    /**
     * With the thread's arena current, allocates blocks from the routing heap and frees each by
     * address. The arena takes the newest block back, so its chunk never fills; the free still
     * finds the owner by address.
     */
    static void allocateAndFree(ThreadArena s, Blackhole bh) {
        try (AllocatorScope _ = CurrentAllocator.use(s.arena)) {
            for (int i = 0; i < BATCH; i++) {
                long address = NativeHeap.allocateAddress(BLOCK_BYTES, ALIGN, BlockKind.NOREFS);
                NativeHeap.freeAddress(address, BLOCK_BYTES);
                bh.consume(address);
            }
        }
    }

    /** Builds the map in the thread's arena, in a scope of its own, and resets the arena. */
    static long buildAndDropMap(ThreadArena s) {
        return NativeWorkloads.buildMapAndDrop(s.arena, s.data);
    }

    /** Makes the arena current and returns the current allocator seen inside the scope. */
    static Allocator openAndCloseScope(ThreadArena s) {
        try (AllocatorScope _ = CurrentAllocator.use(s.arena)) {
            return CurrentAllocator.get();
        }
    }
}
