package dev.arbor.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeHeap;
import dev.arbor.api.scope.CurrentAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CountingAllocatorTest {

    @Test
    void countsBlocksAndBytesPerKindOnEveryPath() {
        TestAllocators.Heap heap = new TestAllocators.Heap("heap");
        CountingAllocator counter = CountingAllocator.over(heap);
        MemorySegment a = counter.allocate(24, 8, BlockKind.REFS);
        counter.allocate(10, 2, BlockKind.NOREFS);
        counter.allocate(16, 8); // SegmentAllocator path: NOREFS
        counter.recordManagedBlock(40, BlockKind.REFS);
        counter.free(a);

        CountingSnapshot s = counter.snapshot();
        assertEquals(2, s.blocks(BlockKind.REFS));
        assertEquals(64, s.bytes(BlockKind.REFS));
        assertEquals(2, s.blocks(BlockKind.NOREFS));
        assertEquals(26, s.bytes(BlockKind.NOREFS));
        assertEquals(4, s.blocks());
        assertEquals(90, s.bytes());
        assertEquals(1, s.frees());
        assertEquals(24, s.freedBytes());
        assertEquals(3, heap.allocated.get(), "segments reach the delegate");
        assertEquals(1, heap.freed.get());
        assertEquals(1, heap.managedRecorded.get(), "managed blocks are passed on, for nested counters");
    }

    @Test
    void countsTheAddressPathOfANativeDelegate() {
        try (TestAllocators.Native nat = new TestAllocators.Native("native");
             CountingAllocator counter = CountingAllocator.over(nat)) {
            long address = NativeAllocator.of(counter).allocateAddress(48, 16, BlockKind.NOREFS);
            AllocationDelta d = counter.since(new CountingSnapshot(0, 0, 0, 0, 0, 0));
            assertEquals(1, d.blocks(BlockKind.NOREFS));
            assertEquals(48, d.bytes(BlockKind.NOREFS));
            NativeAllocator.of(counter).freeAddress(address, 48);
            assertEquals(1, counter.snapshot().frees());
            assertEquals(48, counter.snapshot().freedBytes());
            assertEquals(1, nat.freed.get());
        }
    }

    @Test
    void freesRoutedByAddressReachTheCounterUntilItCloses() {
        try (TestAllocators.Native nat = new TestAllocators.Native("native")) {
            CountingAllocator counter = CountingAllocator.over(nat);
            long address = NativeAllocator.of(counter).allocateAddress(32, 8, BlockKind.REFS);
            assertSame(counter, RoutingHeap.ownerOf(address));
            NativeHeap.freeAddress(address, 32);
            assertEquals(1, counter.snapshot().frees(), "a routed free passes through the counter");
            assertEquals(1, nat.freed.get());

            long later = NativeAllocator.of(counter).allocateAddress(32, 8, BlockKind.REFS);
            counter.close();
            assertSame(nat, RoutingHeap.ownerOf(later), "after close, frees go straight to the delegate");
            assertTrue(nat.isOpen(), "a counter made with over(...) does not close its delegate");
            NativeHeap.freeAddress(later, 32);
            assertEquals(1, counter.snapshot().frees());
            assertEquals(2, nat.freed.get());
        }
    }

    @Test
    void deltasSayExactlyWhatAnOperationAllocated() {
        CountingAllocator counter = CountingAllocator.over(new TestAllocators.Heap("heap"));
        counter.allocate(100, 8, BlockKind.NOREFS);
        CountingSnapshot before = counter.snapshot();
        MemorySegment x = counter.allocate(8, 8, BlockKind.REFS);
        counter.allocate(16, 8, BlockKind.REFS);
        counter.allocate(4, 4, BlockKind.NOREFS);
        counter.free(x);
        AllocationDelta d = counter.since(before);
        assertEquals(new AllocationDelta(2, 24, 1, 4, 1, 8), d);
        assertEquals(3, d.blocks());
        assertEquals(28, d.bytes());
        assertEquals(2, d.netBlocks());
        assertEquals("AllocationDelta[3 blocks, 28 bytes (REFS 2 blocks/24 bytes, NOREFS 1/4); 1 free, 8 bytes freed]",
                d.toString());
        assertTrue(counter.toString().contains("counting(heap)"), counter.toString());
    }

    @Test
    void measureMakesTheCounterCurrentSoTheRoutingHeapIsCounted() {
        CountingAllocator counter = CountingAllocator.over(new TestAllocators.Heap("heap"));
        assertNull(CurrentAllocator.get());
        AllocationDelta d = counter.measure(() -> {
            assertSame(counter, CurrentAllocator.get());
            RoutingHeap.recordManagedBlock(32, BlockKind.REFS);
            RoutingHeap.recordManagedBlock(32, BlockKind.REFS);
            RoutingHeap.recordManagedBlock(24, BlockKind.NOREFS);
            RoutingHeap.allocate(8, 8, BlockKind.NOREFS);
        });
        assertEquals(2, d.blocks(BlockKind.REFS));
        assertEquals(64, d.bytes(BlockKind.REFS));
        assertEquals(2, d.blocks(BlockKind.NOREFS));
        assertEquals(32, d.bytes(BlockKind.NOREFS));
        assertNull(CurrentAllocator.get(), "measure restores the previous current allocator");

        RoutingHeap.recordManagedBlock(32, BlockKind.REFS);
        assertEquals(4, counter.snapshot().blocks(), "outside measure nothing reaches the counter");
    }

    @Test
    void measureOfASupplierReturnsItsResultWithWhatItAllocated() {
        CountingAllocator counter = CountingAllocator.over(new TestAllocators.Heap("heap"));
        Measured<String> m = counter.measure(() -> {
            assertSame(counter, CurrentAllocator.get());
            RoutingHeap.recordManagedBlock(40, BlockKind.REFS);
            return "built";
        });
        assertEquals("built", m.result());
        assertEquals(1, m.delta().blocks());
        assertEquals(40, m.delta().bytes());
        assertNull(CurrentAllocator.get(), "measure restores the previous current allocator");
        assertNull(counter.measure(() -> null).result(), "a null result is a result");
    }

    @Test
    void measureRestoresTheCurrentAllocatorWhenTheOperationThrows() {
        CountingAllocator counter = CountingAllocator.over(new TestAllocators.Heap("heap"));
        assertThrows(ArithmeticException.class, () -> counter.measure(() -> {
            throw new ArithmeticException("boom");
        }));
        assertNull(CurrentAllocator.get());
    }

    @Test
    void anAllocationPastTheBudgetThrowsAndChangesNothing() {
        TestAllocators.Heap heap = new TestAllocators.Heap("heap");
        CountingAllocator counter = CountingAllocator.over(heap, 100);
        MemorySegment kept = counter.allocate(60, 8, BlockKind.NOREFS);
        kept.set(ValueLayout.JAVA_LONG, 0, 11L);
        counter.recordManagedBlock(30, BlockKind.REFS);

        AllocationLimitExceededException e = assertThrows(AllocationLimitExceededException.class,
                () -> counter.allocate(16, 8, BlockKind.NOREFS));
        assertEquals(100, e.limitBytes());
        assertEquals(90, e.usedBytes());
        assertEquals(16, e.requestedBytes());
        assertEquals("counting(heap)", e.allocator());
        assertThrows(AllocationLimitExceededException.class, () -> counter.recordManagedBlock(11, BlockKind.REFS));
        assertEquals(1, heap.allocated.get(), "the refused block never reached the delegate");
        assertEquals(2, counter.snapshot().blocks(), "a refused block is not counted");
        assertEquals(11L, kept.get(ValueLayout.JAVA_LONG, 0), "earlier blocks stay intact");

        counter.allocate(10, 8, BlockKind.NOREFS);
        counter.free(kept);
        assertThrows(AllocationLimitExceededException.class, () -> counter.allocate(1, 1, BlockKind.NOREFS),
                "frees give no budget back");
        AllocatorStats stats = counter.stats();
        assertEquals(100, stats.detail("budgetBytes"));
        assertEquals(100, stats.detail("budgetUsedBytes"));
    }

    @Test
    void aResetOfTheDelegateStartsTheBudgetOver() {
        try (TestAllocators.Native nat = new TestAllocators.Native("native");
             CountingAllocator counter = CountingAllocator.over(nat, 64)) {
            counter.allocate(64, 8, BlockKind.NOREFS);
            assertThrows(AllocationLimitExceededException.class, () -> counter.allocate(8, 8, BlockKind.NOREFS));
            long generation = counter.generation();
            counter.reset();
            assertEquals(generation + 1, counter.generation(), "reset and generation delegate");
            assertEquals(8, counter.allocate(8, 8, BlockKind.NOREFS).byteSize());
            assertEquals(2, counter.snapshot().blocks(), "counts survive a reset");
        }
    }

    @Test
    void countsAreExactWithFourThreads() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        CountingAllocator counter = CountingAllocator.over(new TestAllocators.Heap("heap"));
        CountingSnapshot before = counter.snapshot();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                BlockKind kind = t % 2 == 0 ? BlockKind.REFS : BlockKind.NOREFS;
                tasks.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        if (i % 2 == 0) {
                            counter.allocate(8, 8, kind);
                        } else {
                            counter.recordManagedBlock(8, kind);
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        }
        AllocationDelta d = counter.since(before);
        assertEquals((long) threads * perThread, d.blocks());
        assertEquals((long) threads * perThread * 8, d.bytes());
        assertEquals(2L * perThread, d.blocks(BlockKind.REFS));
        assertEquals(2L * perThread, d.blocks(BlockKind.NOREFS));
    }

    @Test
    void theBudgetHoldsExactlyUnderConcurrentUse() throws Exception {
        int threads = 4;
        CountingAllocator counter = CountingAllocator.over(new TestAllocators.Heap("heap"), 1000 * 8);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    int served = 0;
                    for (int i = 0; i < 1000; i++) {
                        try {
                            counter.allocate(8, 8, BlockKind.NOREFS);
                            served++;
                        } catch (AllocationLimitExceededException expected) {
                            // other threads took the rest of the budget
                        }
                    }
                    return served;
                });
            }
            int served = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                served += f.get();
            }
            assertEquals(1000, served, "exactly the budget is served, never more");
            assertEquals(1000, counter.snapshot().blocks());
        }
    }

    @Test
    void statsReportTheCountedBlocksUnderTheCountersNameWithTheDelegatesDetails() {
        TestAllocators.Heap heap = new TestAllocators.Heap("heap");
        CountingAllocator counter = CountingAllocator.over(heap);
        MemorySegment block = counter.allocate(8, 8, BlockKind.REFS);
        counter.recordManagedBlock(16, BlockKind.NOREFS);
        counter.free(block);
        AllocatorStats stats = counter.stats();
        assertEquals("counting(heap)", stats.allocator());
        assertEquals("counting(heap)", counter.name());
        assertEquals(2, stats.blocksAllocated(), "the counted blocks, managed nodes included");
        assertEquals(24, stats.bytesAllocated());
        assertEquals(1, stats.blocksFreed());
        assertEquals(1, heap.stats().blocksAllocated(), "the delegate saw the segment only");
        assertEquals(2, stats.detail("countedBlocks"));
        assertEquals(24, stats.detail("countedBytes"));
        assertEquals(1, stats.detail("countedRefsBlocks"));
        assertEquals(1, stats.detail("countedNorefsBlocks"));
        assertEquals(1, stats.detail("managedRecorded"), "the delegate's details are kept");
        assertFalse(stats.details().containsKey("budgetBytes"));
    }

    @Test
    void delegatesNativenessRootsAndGeneration() {
        CountingAllocator overHeap = CountingAllocator.over(new TestAllocators.Heap("heap"));
        assertFalse(overHeap.isNative());
        assertNull(overHeap.roots());
        assertThrows(UnsupportedOperationException.class, () -> NativeAllocator.of(overHeap).allocateAddress(8, 8, BlockKind.NOREFS));
        assertEquals(0, overHeap.snapshot().blocks(), "a refused request is not counted");
        try (TestAllocators.Native nat = new TestAllocators.Native("native");
             CountingAllocator overNative = CountingAllocator.over(nat)) {
            assertTrue(overNative.isNative());
            assertEquals(nat.generation(), overNative.generation());
        }
    }

    @Test
    void aClosedCounterRefusesWorkAndLeavesAnUnownedDelegateOpen() {
        TestAllocators.Heap heap = new TestAllocators.Heap("heap");
        CountingAllocator counter = CountingAllocator.over(heap);
        counter.close();
        assertFalse(counter.isOpen());
        assertTrue(heap.isOpen());
        assertThrows(IllegalStateException.class, () -> counter.recordManagedBlock(8, BlockKind.REFS));
        assertThrows(IllegalStateException.class, () -> counter.measure(() -> { }));
        assertThrows(IllegalStateException.class, counter::close);
        counter.stats();
    }

    @Test
    void refusesAClosedDelegateAndANegativeBudget() {
        TestAllocators.Heap heap = new TestAllocators.Heap("heap");
        assertThrows(IllegalArgumentException.class, () -> CountingAllocator.over(heap, -1));
        heap.close();
        assertThrows(IllegalStateException.class, () -> CountingAllocator.over(heap));
    }
}
