package dev.arbor.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Confinement by default, and the shared mode. */
class ArenaThreadsTest {

    private static Throwable onAnotherThread(Consumer<ArenaAllocator> action, ArenaAllocator arena) throws Exception {
        try (ExecutorService other = Executors.newSingleThreadExecutor()) {
            other.submit(() -> action.accept(arena)).get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void aConfinedArenaRefusesOtherThreadsNamingTheOwnerAndTheWayOut() throws Exception {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            long block = NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            List<Consumer<ArenaAllocator>> actions = List.of(
                    a -> NativeAllocator.of(a).allocateAddress(64, 8, BlockKind.NOREFS),
                    a -> a.allocate(64, 8, BlockKind.NOREFS),
                    a -> NativeAllocator.of(a).freeAddress(block, 64),
                    ArenaAllocator::reset,
                    ArenaAllocator::close);
            for (Consumer<ArenaAllocator> action : actions) {
                Throwable t = onAnotherThread(action, arena);
                WrongThreadException e = assertInstanceOf(WrongThreadException.class, t);
                assertTrue(e.getMessage().contains(Thread.currentThread().toString()), e.getMessage());
                assertTrue(e.getMessage().contains("shared(true)"), e.getMessage());
            }
            AllocatorStats s = arena.stats();
            assertEquals(1, s.blocksAllocated(), "refused calls changed nothing");
            assertEquals(0, s.blocksFreed());
            assertEquals(0, s.resets());
            assertTrue(arena.isOpen());
            assertNull(onAnotherThread(ArenaAllocator::stats, arena), "stats may be read from any thread");
        }
    }

    @Test
    void aSharedArenaServesFourThreadsWithNonOverlappingBlocks() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        try (ArenaAllocator arena = ArenaAllocator.builder().shared(true).chunkSize(64 << 10).build();
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    long[] mine = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        long size = i % 100 == 0 ? 20_000 : 64; // some large blocks too
                        mine[i] = NativeAllocator.of(arena).allocateAddress(size, 16, BlockKind.NOREFS);
                        NativeMemory.putLong(mine[i], id * (long) perThread + i);
                        NativeMemory.putLong(mine[i] + 56, -(id * (long) perThread + i));
                        if (i % 1000 == 0) {
                            MemorySegment s = arena.allocate(32, 8, BlockKind.NOREFS);
                            s.set(ValueLayout.JAVA_LONG, 0, id);
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            long[] all = new long[threads * perThread];
            for (int t = 0; t < threads; t++) {
                long[] mine = results.get(t).get();
                for (int i = 0; i < perThread; i++) {
                    long expected = t * (long) perThread + i;
                    assertEquals(expected, NativeMemory.getLong(mine[i]), "first word of block " + expected);
                    assertEquals(-expected, NativeMemory.getLong(mine[i] + 56), "last word of block " + expected);
                }
                System.arraycopy(mine, 0, all, t * perThread, perThread);
            }
            Arrays.sort(all);
            for (int i = 1; i < all.length; i++) {
                assertTrue(all[i] - all[i - 1] >= 64, "blocks overlap at 0x" + Long.toHexString(all[i]));
            }
            assertEquals(threads * (perThread + perThread / 1000), arena.stats().blocksAllocated());
        }
    }

    @Test
    void aSharedArenaMayBeResetAndClosedByAnotherThread() throws Exception {
        ArenaAllocator arena = ArenaAllocator.builder().shared(true).build();
        MemorySegment s = arena.allocate(64, 8, BlockKind.NOREFS);
        assertNull(onAnotherThread(ArenaAllocator::reset, arena));
        assertEquals(1, arena.generation());
        assertInstanceOf(IllegalStateException.class, onAnotherThread(a -> s.get(ValueLayout.JAVA_LONG, 0), arena),
                "a shared arena's old segments die at reset too");
        assertNull(onAnotherThread(ArenaAllocator::close, arena));
        assertTrue(!arena.isOpen());
    }
}
