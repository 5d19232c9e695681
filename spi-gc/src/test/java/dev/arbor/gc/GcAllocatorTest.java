package dev.arbor.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GcAllocatorTest {

    @Test
    void blocksAreZeroedHeapMemory() {
        try (GcAllocator gc = new GcAllocator()) {
            MemorySegment s = gc.allocate(20, 8, BlockKind.REFS);
            assertFalse(gc.isNative());
            assertFalse(s.isNative());
            assertTrue(s.heapBase().isPresent());
            for (long i = 0; i < s.byteSize(); i++) {
                assertEquals(0, s.get(ValueLayout.JAVA_BYTE, i));
            }
            s.set(ValueLayout.JAVA_LONG, 8, 7L);
            assertEquals(7L, s.get(ValueLayout.JAVA_LONG, 8));
        }
    }

    @Test
    void alignmentAboveEightIsRefusedWithAdvice() {
        try (GcAllocator gc = new GcAllocator()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gc.allocate(64, 16, BlockKind.NOREFS));
            assertTrue(e.getMessage().contains("16"), e.getMessage());
            assertTrue(e.getMessage().contains("up to 8"), e.getMessage());
            assertTrue(e.getMessage().contains("arena"), e.getMessage());
            assertEquals(0, gc.stats().blocksAllocated(), "a refused request is not counted");
        }
    }

    @Test
    void freeOnlyAccountsAndTheBlockStaysReadable() {
        try (GcAllocator gc = new GcAllocator()) {
            MemorySegment s = gc.allocate(12, 4, BlockKind.NOREFS);
            gc.allocate(8, 8, BlockKind.NOREFS);
            AllocatorStats before = gc.stats();
            assertEquals(2, before.blocksAllocated());
            assertEquals(20, before.bytesAllocated());
            assertEquals(24, before.bytesInUse(), "12 bytes occupy two longs");
            gc.free(s);
            AllocatorStats after = gc.stats();
            assertEquals(1, after.blocksFreed());
            assertEquals(1, after.liveBlocks());
            assertEquals(8, after.bytesInUse());
            s.set(ValueLayout.JAVA_INT, 0, 5);
            assertEquals(5, s.get(ValueLayout.JAVA_INT, 0), "the JVM keeps a referenced block alive");
        }
    }

    @Test
    void freeingANativeBlockIsRefused() {
        try (GcAllocator gc = new GcAllocator(); Arena arena = Arena.ofConfined()) {
            MemorySegment nativeBlock = arena.allocate(16);
            assertThrows(InvalidFreeException.class, () -> gc.free(nativeBlock));
            assertEquals(0, gc.stats().blocksFreed());
        }
    }

    @Test
    void resetIsUnsupportedWithAnExplanation() {
        try (GcAllocator gc = new GcAllocator()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, gc::reset);
            assertTrue(e.getMessage().contains("arena"), e.getMessage());
        }
    }

    @Test
    void aClosedAllocatorRefusesEveryOperationButStats() {
        GcAllocator gc = new GcAllocator();
        MemorySegment s = gc.allocate(8, 8, BlockKind.NOREFS);
        gc.close();
        assertThrows(IllegalStateException.class, () -> gc.free(s));
        assertThrows(IllegalStateException.class, gc::reset);
        assertThrows(IllegalStateException.class, () -> gc.recordManagedBlock(8, BlockKind.NOREFS));
        assertThrows(IllegalStateException.class, gc::close);
        assertEquals(1, gc.stats().blocksAllocated());
        s.set(ValueLayout.JAVA_LONG, 0, 8L);
        assertEquals(8L, s.get(ValueLayout.JAVA_LONG, 0), "blocks stay usable after close: the JVM owns them");
    }

    @Test
    void countersAreExactUnderConcurrentUse() throws Exception {
        int threads = 4;
        int perThread = 10_000;
        try (GcAllocator gc = new GcAllocator(); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        MemorySegment s = gc.allocate(16, 8, BlockKind.NOREFS);
                        if (i % 2 == 0) {
                            gc.free(s);
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
            AllocatorStats stats = gc.stats();
            assertEquals((long) threads * perThread, stats.blocksAllocated());
            assertEquals((long) threads * perThread * 16, stats.bytesAllocated());
            assertEquals((long) threads * perThread / 2, stats.blocksFreed());
            assertEquals((long) threads * perThread / 2 * 16, stats.bytesInUse());
        }
    }

    @Test
    void statsCarryJvmCollectorCountersThatGrowAfterACollection() {
        try (GcAllocator gc = new GcAllocator()) {
            AllocatorStats before = gc.stats();
            for (String key : List.of("gcCollections", "gcTimeMillis", "heapUsedBytes", "heapCommittedBytes")) {
                assertTrue(before.details().containsKey(key), "missing detail " + key + " in " + before.details());
            }
            assertTrue(before.detail("heapCommittedBytes") > 0);
            assertTrue(before.detail("heapUsedBytes") > 0);
            System.gc();
            assertTrue(gc.stats().detail("gcCollections") > before.detail("gcCollections"),
                    "System.gc() ran a collection the stats must show");
        }
    }
}
