package dev.arbor.api.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.InvalidFreeException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BlockOwnersTest {
    // Fake ranges far above any real user-space address: nothing is read or written there.
    private static final long BASE = 0x7fff_0000_0000_0000L;

    @Test
    void ownersAreFoundByAnyAddressInsideTheirRange() {
        TestOwner a = new TestOwner("a");
        TestOwner b = new TestOwner("b");
        BlockOwners.register(BASE, 4096, a);
        BlockOwners.register(BASE + 4096, 4096, b);
        try {
            assertSame(a, BlockOwners.ownerOf(BASE));
            assertSame(a, BlockOwners.ownerOf(BASE + 4095));
            assertSame(b, BlockOwners.ownerOf(BASE + 4096));
            assertNull(BlockOwners.ownerOf(BASE + 8192));
            assertTrue(BlockOwners.isLive(BASE + 100, 8));
            assertFalse(BlockOwners.isLive(BASE + 4090, 8), "an access may not straddle two regions");
            assertThrows(IllegalStateException.class, () -> BlockOwners.register(BASE + 100, 10, b), "overlap");
        } finally {
            BlockOwners.unregister(BASE);
            BlockOwners.unregister(BASE + 4096);
        }
        assertNull(BlockOwners.ownerOf(BASE));
    }

    @Test
    void aRetiredRegionIsStillOwnedButNeverLive() {
        TestOwner owner = new TestOwner("owner");
        BlockOwners.register(BASE, 64, owner);
        try {
            BlockOwners.retire(BASE);
            assertSame(owner, BlockOwners.ownerOf(BASE + 8));
            assertFalse(BlockOwners.isLive(BASE, 1));
        } finally {
            BlockOwners.unregister(BASE);
        }
    }

    @Test
    void aFaceStandsInFrontOfTheOwner() {
        TestOwner owner = new TestOwner("owner");
        TestOwner face = new TestOwner("face");
        BlockOwners.register(BASE, 64, owner);
        BlockOwners.putFace(owner, face);
        try {
            assertSame(face, BlockOwners.ownerOf(BASE + 8));
        } finally {
            BlockOwners.removeFace(owner, face);
            BlockOwners.unregister(BASE);
        }
    }

    @Test
    void freeingAnUnownedAddressIsRefusedByTheRoutingHeap() {
        var e = assertThrows(InvalidFreeException.class, () -> NativeHeap.freeAddress(BASE + 12345, 8));
        assertEquals(BASE + 12345, e.address());
        assertTrue(e.getMessage().contains(Long.toHexString(BASE + 12345)), e.getMessage());
    }

    /**
     * Threads that look up each other's regions, while each one also replaces a region of its own
     * again and again, always get the right owner: a thread's cached region never answers for an
     * address after that region was unregistered, whichever thread cached it.
     */
    @Test
    void concurrentLookupsAndReplacementsAlwaysFindTheCurrentOwner() throws Exception {
        int threads = 4;
        int fixedPerThread = 3;
        long regionBytes = 4096;
        long seed = Long.getLong("arbor.test.seed", System.nanoTime());
        TestOwner[] fixedOwners = new TestOwner[threads * fixedPerThread];
        for (int i = 0; i < fixedOwners.length; i++) {
            fixedOwners[i] = new TestOwner("fixed-" + i);
            BlockOwners.register(BASE + i * regionBytes, regionBytes, fixedOwners[i]);
        }
        long churnBase = BASE + 1024 * regionBytes;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long threadSeed = seed + t;
                long ownRegion = churnBase + t * regionBytes;
                results.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(threadSeed);
                    start.await();
                    for (int round = 0; round < 2_000; round++) {
                        TestOwner mine = new TestOwner("churn-" + round);
                        BlockOwners.register(ownRegion, regionBytes, mine);
                        for (int i = 0; i < 50; i++) {
                            int r = random.nextInt(fixedOwners.length);
                            long address = BASE + r * regionBytes + random.nextLong(regionBytes);
                            assertSame(fixedOwners[r], BlockOwners.ownerOf(address), "seed " + seed);
                            assertSame(mine, BlockOwners.ownerOf(ownRegion + random.nextLong(regionBytes)), "seed " + seed);
                        }
                        BlockOwners.unregister(ownRegion);
                        assertNull(BlockOwners.ownerOf(ownRegion), "seed " + seed + ": an unregistered region still answers");
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
            for (int i = 0; i < fixedOwners.length; i++) {
                BlockOwners.unregister(BASE + i * regionBytes);
            }
        }
    }
}
