package dev.arbor.benchmarks;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.BlockKind;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeHeap;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per allocation of one small block, for Arbor's arena and the memory sources it
 * competes with.
 *
 * <p>Each invocation allocates {@link #BATCH} blocks and JMH divides by {@code BATCH}
 * ({@link OperationsPerInvocation}), so the timer's and the call's fixed costs are spread out
 * and what remains is the allocation itself. Every block (address or object) goes to the
 * {@link Blackhole}, so nothing is optimized away.
 *
 * <p>Recycling is measured, not hidden: a source that must be reset or recreated when full
 * does so inside the invocation that finds it full, every {@link #RECYCLE_BYTES}, so its cost
 * is amortized over the blocks it served, as in a real program; {@code new long[]} pays the
 * JVM's young collections the same way.
 *
 * <p>Like for like: the arena and slicing paths hand out memory without touching it, while
 * {@code new long[n]} also writes a 16-byte header and zeroes {@code 8n} bytes (about 10 GB/s of
 * fresh memory on a 2-core VM, which bounds it). {@code routingHeapAllocateZeroed} writes every
 * word of each block, the traffic a node that is filled right away costs.
 *
 * <p>Each benchmark and size runs in its own fork, so each allocation call site only ever sees
 * one allocator class (monomorphic, inlined), as in a program that uses one arena type.
 *
 * <p>Run with {@code scripts/bench.sh} (builds {@code benchmarks/target/benchmarks.jar}; JMH
 * options pass through). JMH generates subclasses of benchmark and state classes, so they cannot
 * be final.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The forks run from a class path, not "java -jar", so the manifest's Enable-Native-Access does
// not reach them; JMH's own code uses sun.misc.Unsafe, which warns on JDK 24+. Given here, the
// flags replace the host's instead of being appended to them (add more with -jvmArgsAppend).
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class AllocationBenchmark {
    /** Blocks per invocation. */
    public static final int BATCH = 1024;
    /** Bytes a source hands out before it is reset or recreated: one arena chunk. */
    public static final long RECYCLE_BYTES = 1L << 20;
    /** Alignment of every block: a word, as collection nodes need. */
    public static final long ALIGN = 8;

    /** Block size in bytes. */
    @Param({"16", "64", "256"})
    public int size;

    /**
     * (a) The arena's lean path, called directly: warm (its chunk is retained across resets), reset
     * when its chunk fills.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arenaAllocateAddress(ArenaState s, Blackhole bh) {
        long bytes = size;
        NativeAllocator arena = NativeAllocator.of(s.arena);
        s.beforeBatch(bytes * BATCH);
        for (int i = 0; i < BATCH; i++) {
            bh.consume(arena.allocateAddress(bytes, ALIGN, BlockKind.NOREFS));
        }
    }

    /**
     * (b) What a collection node allocation costs: the routing heap finds the current allocator
     * (an arena, made current in setup) and takes the lean path.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void routingHeapAllocateAddress(RoutingState s, Blackhole bh) {
        long bytes = size;
        s.beforeBatch(bytes * BATCH);
        for (int i = 0; i < BATCH; i++) {
            bh.consume(NativeHeap.allocateAddress(bytes, ALIGN, BlockKind.NOREFS));
        }
    }

    /**
     * (b') As (b), then zeroes the block word by word: the same memory traffic as
     * {@code new long[]}, which the JVM zeroes (plus its 16-byte header), so the two compare
     * like for like when the caller will write the block anyway.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void routingHeapAllocateZeroed(RoutingState s, Blackhole bh) {
        long bytes = size;
        s.beforeBatch(bytes * BATCH);
        for (int i = 0; i < BATCH; i++) {
            long address = NativeHeap.allocateAddress(bytes, ALIGN, BlockKind.NOREFS);
            for (long offset = 0; offset < bytes; offset += Long.BYTES) {
                NativeMemory.putLong(address + offset, 0L);
            }
            bh.consume(address);
        }
    }

    /**
     * (c) The JDK's confined arena: one per batch, closed at its end (which frees every block),
     * so memory stays bounded and the close is part of the cost.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void jdkConfinedArena(Blackhole bh) {
        long bytes = size;
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < BATCH; i++) {
                bh.consume(arena.allocate(bytes, ALIGN));
            }
        }
    }

    /** (d) The JDK's slicing allocator over one chunk-sized segment, recreated when full. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void jdkSlicingAllocator(SlicingState s, Blackhole bh) {
        long bytes = size;
        SegmentAllocator slicer = s.beforeBatch(bytes * BATCH);
        for (int i = 0; i < BATCH; i++) {
            bh.consume(slicer.allocate(bytes, ALIGN));
        }
    }

    /** (e) The JVM's own bump allocation (TLAB, zeroed, collected by the GC): the anchor. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void jvmNewLongArray(Blackhole bh) {
        int length = size >>> 3;
        for (int i = 0; i < BATCH; i++) {
            bh.consume(new long[length]);
        }
    }

    /** An Arbor arena with 1 MiB chunks, created through the API by provider name, as a host does. */
    static Allocator newArena() {
        Allocator arena = Allocators.create("arena", AllocatorConfig.of("chunkSize", "1m"));
        if (!arena.isNative()) {
            throw new IllegalStateException("the 'arena' allocator on the class path is not native: " + arena.name());
        }
        return arena;
    }

    /** Counts the bytes a source handed out since it was last reset or recreated. */
    static final class Budget {
        private long used;

        /**
         * Takes {@code batchBytes}; true if the source must be recycled before serving them. A
         * batch must leave at least one byte free: the arena's blocks end strictly before its chunk
         * does, so a batch that filled the chunk exactly would spill one block into a second chunk.
         */
        boolean takeAfterRecycle(long batchBytes) {
            if (used + batchBytes >= RECYCLE_BYTES) {
                used = batchBytes;
                return true;
            }
            used += batchBytes;
            return false;
        }
    }

    /**
     * An arena, reset when its chunk fills. Per iteration because the arena is confined to the
     * thread that created it, and JMH promises that setup runs on the worker thread, not that
     * every iteration gets the same worker.
     */
    @State(Scope.Thread)
    public static class ArenaState {
        Allocator arena;
        private Budget budget;

        /** Creates the arena. */
        @Setup(Level.Iteration)
        public void open() {
            arena = newArena();
            budget = new Budget();
        }

        /** Resets the arena first if the next batch would not fit in its chunk. */
        void beforeBatch(long batchBytes) {
            if (budget.takeAfterRecycle(batchBytes)) {
                arena.reset();
            }
        }

        /** Frees the arena's chunks. */
        @TearDown(Level.Iteration)
        public void close() {
            arena.close();
        }
    }

    /**
     * An arena made current on the worker thread for the iteration, so the routing heap uses it;
     * reset when its chunk fills. Per iteration for the same reason as {@link ArenaState}.
     */
    @State(Scope.Thread)
    public static class RoutingState {
        Allocator arena;
        private AllocatorScope scope;
        private Budget budget;

        /** Creates the arena and makes it current; fails if the routing heap would not use it. */
        @Setup(Level.Iteration)
        public void open() {
            arena = newArena();
            budget = new Budget();
            scope = CurrentAllocator.use(arena);
            if (RoutingHeap.target() != arena) {
                throw new IllegalStateException("the routing heap targets '" + RoutingHeap.target().name()
                        + "' instead of the arena made current");
            }
        }

        /** Resets the arena first if the next batch would not fit in its chunk. */
        void beforeBatch(long batchBytes) {
            if (budget.takeAfterRecycle(batchBytes)) {
                arena.reset();
            }
        }

        /** Restores the previous allocator, then frees the arena's chunks. */
        @TearDown(Level.Iteration)
        public void close() {
            scope.close();
            arena.close();
        }
    }

    /** A JDK slicing allocator over one chunk-sized segment of a confined JDK arena. */
    @State(Scope.Thread)
    public static class SlicingState {
        private Arena arena;
        private MemorySegment chunk;
        private SegmentAllocator slicer;
        private Budget budget;

        /** Allocates the chunk. Per iteration for the same reason as {@link ArenaState}. */
        @Setup(Level.Iteration)
        public void open() {
            arena = Arena.ofConfined();
            chunk = arena.allocate(RECYCLE_BYTES, ALIGN);
            slicer = SegmentAllocator.slicingAllocator(chunk);
            budget = new Budget();
        }

        /** The allocator for the next batch: a fresh one over the same chunk if it would not fit. */
        SegmentAllocator beforeBatch(long batchBytes) {
            if (budget.takeAfterRecycle(batchBytes)) {
                slicer = SegmentAllocator.slicingAllocator(chunk);
            }
            return slicer;
        }

        /** Frees the chunk. */
        @TearDown(Level.Iteration)
        public void close() {
            arena.close();
        }
    }
}
