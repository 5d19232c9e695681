package dev.arbor.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.scope.CurrentAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs each benchmark body outside JMH, through several recycles, and checks that it measures
 * what its javadoc says: the arena stays in one retained chunk and is reset when it fills, the
 * routing heap really targets the arena, and every source survives its own recycling.
 */
class AllocationBenchmarkTest {
    /** JMH refuses to hand out a Blackhole without this acknowledgement. */
    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    /** Invocations that take a source through at least three recycles. */
    private static int invocationsForThreeRecycles(int size) {
        return (int) (3 * AllocationBenchmark.RECYCLE_BYTES / ((long) size * AllocationBenchmark.BATCH)) + 3;
    }

    private static AllocationBenchmark benchmark(int size) {
        AllocationBenchmark b = new AllocationBenchmark();
        b.size = size;
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 64, 256})
    void arenaBenchmarkResetsItsArenaBeforeTheChunkOverflowsAndReusesTheChunk(int size) {
        AllocationBenchmark b = benchmark(size);
        AllocationBenchmark.ArenaState s = new AllocationBenchmark.ArenaState();
        s.open();
        try {
            int n = invocationsForThreeRecycles(size);
            for (int i = 0; i < n; i++) {
                b.arenaAllocateAddress(s, BLACKHOLE);
            }
            AllocatorStats stats = s.arena.stats();
            assertEquals((long) n * AllocationBenchmark.BATCH, stats.blocksAllocated());
            assertTrue(stats.resets() >= 3, () -> "resets: " + stats);
            assertEquals(AllocationBenchmark.RECYCLE_BYTES, stats.bytesReserved(),
                    () -> "a batch spilled past the first chunk, so the benchmark measures chunk switches: " + stats);
        } finally {
            s.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 64, 256})
    void routingBenchmarksAllocateFromTheArenaTheyMadeCurrentAndRestoreTheDefault(int size) {
        AllocationBenchmark b = benchmark(size);
        AllocationBenchmark.RoutingState s = new AllocationBenchmark.RoutingState();
        s.open();
        try {
            assertSame(s.arena, RoutingHeap.target());
            int n = invocationsForThreeRecycles(size);
            for (int i = 0; i < n; i++) {
                b.routingHeapAllocateAddress(s, BLACKHOLE);
                b.routingHeapAllocateZeroed(s, BLACKHOLE);
            }
            AllocatorStats stats = s.arena.stats();
            assertEquals(2L * n * AllocationBenchmark.BATCH, stats.blocksAllocated());
            assertTrue(stats.resets() >= 3, () -> "resets: " + stats);
            assertEquals(AllocationBenchmark.RECYCLE_BYTES, stats.bytesReserved(), stats::toString);
        } finally {
            s.close();
        }
        assertNull(CurrentAllocator.get(), "the iteration's scope must be closed at teardown");
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 64, 256})
    void jdkAndJvmBenchmarksRunThroughTheirRecycling(int size) {
        AllocationBenchmark b = benchmark(size);
        AllocationBenchmark.SlicingState slicing = new AllocationBenchmark.SlicingState();
        slicing.open();
        try {
            // The slicing allocator throws IndexOutOfBoundsException if it is not recreated in time.
            for (int i = 0, n = invocationsForThreeRecycles(size); i < n; i++) {
                b.jdkSlicingAllocator(slicing, BLACKHOLE);
            }
        } finally {
            slicing.close();
        }
        b.jdkConfinedArena(BLACKHOLE);
        b.jvmNewLongArray(BLACKHOLE);
    }
}
