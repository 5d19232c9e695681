package dev.arbor.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.NativeAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DebugStatsTest {

    @Test
    void statsFollowAllocationsFreesResetsAndRoots() throws Exception {
        try (DebugAllocator a = DebugAllocator.builder().build()) {
            long x = NativeAllocator.of(a).allocateAddress(100, 4, BlockKind.NOREFS);
            NativeAllocator.of(a).allocateAddress(28, 8, BlockKind.REFS);
            a.roots().register("pinned");
            NativeAllocator.of(a).freeAddress(x, 100);

            AllocatorStats s = a.stats();
            assertEquals("debug", s.allocator());
            assertEquals(2, s.blocksAllocated());
            assertEquals(1, s.blocksFreed());
            assertEquals(128, s.bytesAllocated());
            assertEquals(28, s.bytesInUse());
            assertEquals(128, s.peakBytesInUse());
            assertEquals(103 + 35, s.bytesReserved(), "live and quarantined reservations, alignment padding included");
            assertEquals(103, s.detail("quarantinedBytes"));
            assertEquals(1, s.pinnedRoots());

            a.reset();
            s = a.stats();
            assertEquals(1, s.resets());
            assertEquals(1, a.generation());
            assertEquals(0, s.bytesInUse());
            assertEquals(0, s.pinnedRoots(), "reset releases every root");
            assertEquals(0, s.detail("blocksLive"));
        }
    }

    @Test
    void concurrentAllocationsAndFreesStayConsistent() throws Exception {
        try (DebugAllocator a = DebugAllocator.builder().build();
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        long address = NativeAllocator.of(a).allocateAddress(16, 16, BlockKind.NOREFS);
                        NativeAllocator.of(a).freeAddress(address, 16);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            AllocatorStats s = a.stats();
            assertEquals(4000, s.blocksAllocated());
            assertEquals(4000, s.blocksFreed());
            assertEquals(0, s.bytesInUse());
            assertEquals(0, s.detail("doubleFreesDetected"));
        }
    }
}
