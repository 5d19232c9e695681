package dev.arbor.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeHeap;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bump allocation, large blocks, alignment, limits, frees. */
class ArenaAllocationTest {

    @Test
    void everyPowerOfTwoAlignmentUpTo4096IsHonouredAndBlocksKeepTheirData() {
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(64 << 10).build()) {
            List<MemorySegment> blocks = new ArrayList<>();
            for (long align = 1; align <= 4096; align <<= 1) {
                for (long size : new long[] {1, 24, 3000, 20_000}) { // 20,000 > the 16k threshold: a large block
                    MemorySegment s = arena.allocate(size, align, BlockKind.NOREFS);
                    assertEquals(0, s.address() % align, "alignment " + align + " size " + size);
                    assertEquals(size, s.byteSize());
                    s.fill((byte) blocks.size());
                    blocks.add(s);
                }
                long address = NativeAllocator.of(arena).allocateAddress(16, align, BlockKind.REFS);
                assertEquals(0, address % align, "address path, alignment " + align);
                NativeMemory.putLong(address + 8, align);
                assertEquals(align, NativeMemory.getLong(address + 8));
            }
            for (int i = 0; i < blocks.size(); i++) {
                MemorySegment s = blocks.get(i);
                assertEquals((byte) i, s.get(ValueLayout.JAVA_BYTE, 0), "first byte of block " + i);
                assertEquals((byte) i, s.get(ValueLayout.JAVA_BYTE, s.byteSize() - 1), "last byte of block " + i);
            }
        }
    }

    @Test
    void alignmentsOtherThanPowersOfTwoUpTo4096AreRejectedNamingTheValue() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            for (long bad : new long[] {0, 3, 6, 12, 8192, -8, Long.MIN_VALUE}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> NativeAllocator.of(arena).allocateAddress(8, bad, BlockKind.NOREFS), "alignment " + bad);
                assertTrue(e.getMessage().contains(Long.toString(bad)), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> arena.allocate(8, bad, BlockKind.NOREFS));
            }
            assertThrows(IllegalArgumentException.class, () -> NativeAllocator.of(arena).allocateAddress(-1, 8, BlockKind.NOREFS));
            assertEquals(0, arena.stats().blocksAllocated(), "rejected requests allocate nothing");
        }
    }

    @Test
    void aBlockLargerThanTheChunkGetsItsOwnBlockAndFreeingReleasesIt() {
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4096).build()) {
            long bytes = 1 << 20;
            MemorySegment big = arena.allocate(bytes, 4096, BlockKind.NOREFS);
            assertEquals(0, big.address() % 4096);
            big.set(ValueLayout.JAVA_LONG, 0, 11);
            big.set(ValueLayout.JAVA_LONG, bytes - 8, 22);
            assertEquals(11, big.get(ValueLayout.JAVA_LONG, 0));
            assertEquals(22, big.get(ValueLayout.JAVA_LONG, bytes - 8));
            AllocatorStats s = arena.stats();
            assertEquals(1, s.detail("largeBlocks"));
            assertEquals(0, s.detail("chunks"), "a large block takes no chunk");
            assertTrue(s.bytesReserved() >= bytes);
            assertTrue(s.bytesInUse() >= bytes);

            assertEquals(1, arena.largeBlockCount());
            assertEquals(0, arena.chunkCount());

            arena.free(big);
            assertEquals(0, arena.largeBlockCount());
            assertEquals(0, arena.stats().detail("largeBlocks"));
            assertEquals(0, arena.stats().bytesReserved(), "freeing a large block returns it to the system");
            assertEquals(1, arena.stats().blocksFreed());
            assertFalse(big.scope().isAlive(), "the segment of a released block must not reach memory the system may reuse");
        }
    }

    @Test
    void aFreedLargeBlocksSegmentIsDeadAndASecondFreeIsRefusedEvenWhenItsAddressWasHandedOutAgain() {
        for (boolean shared : new boolean[] {false, true}) {
            try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4096).shared(shared).build()) {
                long bytes = 64 * 1024;
                List<MemorySegment> freed = new ArrayList<>();
                List<MemorySegment> live = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    MemorySegment block = arena.allocate(bytes, 8, BlockKind.NOREFS);
                    arena.free(block);
                    freed.add(block);
                    MemorySegment kept = arena.allocate(bytes, 8, BlockKind.NOREFS); // often at the freed address
                    kept.fill((byte) i);
                    live.add(kept);
                }
                for (MemorySegment stale : freed) {
                    assertThrows(InvalidFreeException.class, () -> arena.free(stale), "a second free");
                    assertFalse(stale.scope().isAlive(), "use after free must throw (MemorySafetyTest reads it in a child JVM)");
                }
                for (int i = 0; i < live.size(); i++) {
                    assertEquals((byte) i, live.get(i).get(ValueLayout.JAVA_BYTE, bytes - 1), "live block " + i + " intact");
                }
                assertEquals(50, arena.stats().detail("largeBlocks"));
                assertEquals(50, arena.stats().blocksFreed(), "only the first frees counted");
            }
        }
    }

    @Test
    void aHundredThousandLargeBlocksAreServedCountedAndReleasedAtClose() {
        int regionsBefore = BlockOwners.regionCount();
        int n = 100_000;
        ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4096).largeThreshold(64).build();
        long[] addresses = new long[n];
        for (int i = 0; i < n; i++) {
            addresses[i] = NativeAllocator.of(arena).allocateAddress(100, 8, BlockKind.NOREFS);
            NativeMemory.putLong(addresses[i], i);
            NativeMemory.putLong(addresses[i] + 92, -i);
        }
        for (int i = 0; i < n; i += 997) {
            assertEquals(i, NativeMemory.getLong(addresses[i]));
            assertEquals(-i, NativeMemory.getLong(addresses[i] + 92));
        }
        AllocatorStats s = arena.stats();
        assertEquals(n, s.blocksAllocated());
        assertEquals(n, s.detail("largeBlocks"));
        assertEquals(100L * n, s.bytesAllocated());
        assertTrue(s.bytesReserved() >= 100L * n);
        assertEquals(regionsBefore + n, BlockOwners.regionCount(), "each large block is registered");

        arena.close();
        assertEquals(regionsBefore, BlockOwners.regionCount(), "close released every large block");
        assertEquals(0, arena.stats().bytesReserved());
        assertEquals(0, arena.stats().detail("largeBlocks"));
    }

    @Test
    void aLimitHitMidSequenceChangesNothingAndTheArenaServesAgainAfterReset() {
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4096).limit(16 << 10).build()) {
            List<Long> addresses = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            AllocationLimitExceededException failure = null;
            AllocatorStats beforeFailure = null;
            for (int i = 0; failure == null; i++) {
                long size = i % 10 == 9 ? 1500 : 64; // every tenth is a large block (threshold 1024)
                beforeFailure = arena.stats();
                try {
                    long a = NativeAllocator.of(arena).allocateAddress(size, 8, BlockKind.NOREFS);
                    NativeMemory.fill(a, size, (byte) i);
                    addresses.add(a);
                    sizes.add(size);
                } catch (AllocationLimitExceededException e) {
                    failure = e;
                }
            }
            assertTrue(addresses.size() > 10, "the limit allows a sequence before failing");
            assertEquals(16 << 10, failure.limitBytes());
            assertTrue(failure.getMessage().contains("limit"), failure.getMessage());
            assertEquals(beforeFailure, arena.stats(), "a refused allocation changes nothing");
            assertTrue(arena.stats().bytesReserved() <= 16 << 10);
            for (int i = 0; i < addresses.size(); i++) {
                long a = addresses.get(i);
                long size = sizes.get(i);
                assertEquals((byte) i, NativeMemory.getByte(a), "first byte of block " + i);
                assertEquals((byte) i, NativeMemory.getByte(a + size - 1), "last byte of block " + i);
            }
            assertThrows(AllocationLimitExceededException.class, () -> NativeAllocator.of(arena).allocateAddress(20_000, 8, BlockKind.NOREFS));

            arena.reset();
            for (int i = 0; i < addresses.size(); i++) {
                long a = NativeAllocator.of(arena).allocateAddress(sizes.get(i), 8, BlockKind.NOREFS);
                NativeMemory.putLong(a, i);
                assertEquals(i, NativeMemory.getLong(a));
            }
        }
    }

    @Test
    void freesOfChunkBlocksAreCountedAndTheirBytesComeBackAtReset() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            long first = NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            long second = NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            NativeAllocator.of(arena).freeAddress(second, 64); // the last block: counted, not reused
            long third = NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            assertTrue(third >= second + 64, "chunk memory is never handed out twice in one generation");
            NativeAllocator.of(arena).freeAddress(first, 64);
            AllocatorStats s = arena.stats();
            assertEquals(2, s.blocksFreed());
            assertEquals(3, s.blocksAllocated());
            assertEquals(1, s.liveBlocks());
            assertEquals(64, s.bytesInUse(), "third in use; first and second were freed (counted only)");
            assertEquals(128, s.peakBytesInUse());
            arena.reset();
            assertEquals(first, NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS), "the chunk is reused after the reset");
        }
    }

    @Test
    void aFreeOfAnEarlierGenerationsBlockNeverHandsOutALiveBlockAgain() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            NativeAllocator.of(arena).allocateAddress(16, 8, BlockKind.NOREFS);
            long stale = NativeAllocator.of(arena).allocateAddress(16, 8, BlockKind.NOREFS);
            arena.reset();
            // The same chunk again, the same blocks: the live one has the stale one's address and size,
            // which an address alone cannot tell apart.
            NativeAllocator.of(arena).allocateAddress(16, 8, BlockKind.NOREFS);
            long same = NativeAllocator.of(arena).allocateAddress(16, 8, BlockKind.NOREFS);
            assertEquals(stale, same);
            NativeMemory.Window memory = NativeAllocator.of(arena).accessWindow();
            memory.putLong(same, 42);

            NativeAllocator.of(arena).freeAddress(stale, 16); // the earlier generation's block: only counted
            long next = NativeAllocator.of(arena).allocateAddress(16, 8, BlockKind.NOREFS);
            assertTrue(next >= same + 16, "the next block must not overlap the live one");
            memory.putLong(next, -1);
            assertEquals(42, memory.getLong(same), "the live block is intact");
        }
    }

    @Test
    void freeingWhatTheArenaDoesNotOwnThrowsInvalidFree() {
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4096).build();
             ArenaAllocator other = ArenaAllocator.builder().chunkSize(4096).build()) {
            long mine = NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            long theirs = NativeAllocator.of(other).allocateAddress(64, 8, BlockKind.NOREFS);
            assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(arena).freeAddress(theirs, 64));
            assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(arena).freeAddress(mine + 128, 64), "beyond the bump pointer");
            long large = NativeAllocator.of(arena).allocateAddress(2000, 8, BlockKind.NOREFS);
            InvalidFreeException wrongSize = assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(arena).freeAddress(large, 1000));
            assertTrue(wrongSize.getMessage().contains("2000"), wrongSize.getMessage());
            NativeAllocator.of(arena).freeAddress(large, 2000);
            assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(arena).freeAddress(large, 2000), "freed twice");
            assertThrows(InvalidFreeException.class, () -> arena.free(MemorySegment.ofArray(new byte[8])));
            assertEquals(1, arena.stats().blocksFreed(), "only the valid free counted");
        }
    }

    @Test
    void theRoutingHeapFreesABlockThroughItsOwnerNotTheCurrentAllocator() {
        try (ArenaAllocator owner = ArenaAllocator.create(); ArenaAllocator current = ArenaAllocator.create()) {
            NativeAllocator.of(owner).allocateAddress(64, 8, BlockKind.NOREFS);
            long last = NativeAllocator.of(owner).allocateAddress(64, 8, BlockKind.NOREFS);
            long ownerInUse = owner.stats().bytesInUse();
            NativeAllocator.of(current).allocateAddress(64, 8, BlockKind.NOREFS);
            try (AllocatorScope scope = CurrentAllocator.use(current)) {
                assertEquals(current, CurrentAllocator.get());
                assertEquals(owner, RoutingHeap.ownerOf(last));
                NativeHeap.freeAddress(last, 64);
            }
            assertEquals(1, owner.stats().blocksFreed(), "the free reached the owner");
            assertEquals(ownerInUse - 64, owner.stats().bytesInUse(), "the owner counted the free");
            assertEquals(0, current.stats().blocksFreed(), "the current allocator saw nothing");
        }
    }

    @Test
    void aClosedArenaRefusesWorkClosesOnlyOnceAndStillReportsStats() {
        int regionsBefore = BlockOwners.regionCount();
        ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4096).build();
        MemorySegment s = arena.allocate(64, 8, BlockKind.NOREFS);
        long a = NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
        NativeAllocator.of(arena).allocateAddress(5000, 8, BlockKind.NOREFS);
        arena.roots().register(new Object());
        arena.close();
        assertEquals(regionsBefore, BlockOwners.regionCount(), "chunks and large blocks released");
        assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_LONG, 0), "segments die at close");
        assertThrows(IllegalStateException.class, arena::close);
        assertThrows(IllegalStateException.class, () -> NativeAllocator.of(arena).allocateAddress(8, 8, BlockKind.NOREFS));
        assertThrows(IllegalStateException.class, () -> NativeAllocator.of(arena).freeAddress(a, 64));
        assertThrows(IllegalStateException.class, arena::reset);
        AllocatorStats stats = arena.stats();
        assertEquals(3, stats.blocksAllocated());
        assertEquals(0, stats.bytesReserved());
        assertEquals(0, stats.bytesInUse());
        assertEquals(0, stats.pinnedRoots());
        assertTrue(stats.peakBytesInUse() >= 5128);
    }
}
