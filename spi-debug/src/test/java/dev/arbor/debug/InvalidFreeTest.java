package dev.arbor.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InvalidFreeTest {
    private final DebugAllocator everyBlock = DebugAllocator.builder().leakDetection(LeakDetection.EVERY_BLOCK).build();

    @AfterEach
    void close() {
        if (everyBlock.isOpen()) {
            everyBlock.close();
        }
    }

    @Test
    void doubleFreeNamesAddressSizeAllocationSiteAndFirstFree() {
        long address = NativeAllocator.of(everyBlock).allocateAddress(48, 8, BlockKind.NOREFS);
        NativeAllocator.of(everyBlock).freeAddress(address, 48);

        InvalidFreeException e = assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(everyBlock).freeAddress(address, 48));

        assertEquals(address, e.address());
        String m = e.getMessage();
        assertTrue(m.contains("double free"), m);
        assertTrue(m.contains("0x" + Long.toHexString(address)), m);
        assertTrue(m.contains("48 bytes"), m);
        assertTrue(m.contains("allocated at:\n\tat dev.arbor.debug.InvalidFreeTest.doubleFreeNamesAddressSizeAllocationSiteAndFirstFree("), m);
        assertTrue(m.contains("first freed at:\n\tat dev.arbor.debug.InvalidFreeTest.doubleFreeNamesAddressSizeAllocationSiteAndFirstFree("), m);
        assertTrue(!m.contains("at dev.arbor.debug.TrackingAllocator."), "Arbor's own frames are left out: " + m);
        assertEquals(1, everyBlock.stats().detail("doubleFreesDetected"));
        assertEquals(1, everyBlock.doubleFreesDetected());
    }

    @Test
    void doubleFreeOfASegmentIsDetected() {
        MemorySegment block = everyBlock.allocate(16, 8, BlockKind.REFS);
        everyBlock.free(block);
        InvalidFreeException e = assertThrows(InvalidFreeException.class, () -> everyBlock.free(block));
        assertTrue(e.getMessage().contains("double free"), e.getMessage());
    }

    @Test
    void aStaleSegmentWhoseAddressNowStartsALiveBlockIsRefusedAndTheLiveBlockStays() {
        try (DebugAllocator noQuarantine = DebugAllocator.builder().quarantineBytes(0).leakDetection(LeakDetection.OFF).build()) {
            MemorySegment stale = noQuarantine.allocate(16, 8, BlockKind.NOREFS);
            noQuarantine.reset();
            // With no quarantine the system hands the address out again soon (malloc reuses a freed block first).
            long reused = 0;
            for (int i = 0; i < 10_000 && reused != stale.address(); i++) {
                reused = NativeAllocator.of(noQuarantine).allocateAddress(16, 8, BlockKind.NOREFS);
            }
            assertEquals(stale.address(), reused, "the system did not reuse the address: this test needs it to");
            long live = noQuarantine.stats().detail("blocksLive");
            InvalidFreeException e = assertThrows(InvalidFreeException.class, () -> noQuarantine.free(stale));
            assertTrue(e.getMessage().contains("already freed or released by a reset"), e.getMessage());
            assertEquals(live, noQuarantine.stats().detail("blocksLive"), "the live block at that address stays allocated");
            assertEquals(live, noQuarantine.liveBlockCount());
            NativeAllocator.of(noQuarantine).freeAddress(reused, 16);
        }
    }

    @Test
    void freeAfterResetIsReportedAsReleasedByReset() {
        long address = NativeAllocator.of(everyBlock).allocateAddress(32, 8, BlockKind.NOREFS);
        everyBlock.reset();
        InvalidFreeException e = assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(everyBlock).freeAddress(address, 32));
        assertTrue(e.getMessage().contains("released by reset() of generation 0"), e.getMessage());
    }

    @Test
    void freeOfAnotherAllocatorsBlockNamesThatAllocatorAndChangesNothing() {
        try (ArenaLikeAllocator other = new ArenaLikeAllocator()) {
            long foreign = NativeAllocator.of(other).allocateAddress(16, 8, BlockKind.NOREFS);
            long mine = NativeAllocator.of(everyBlock).allocateAddress(16, 8, BlockKind.NOREFS);
            AllocatorStats before = everyBlock.stats();

            InvalidFreeException e = assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(everyBlock).freeAddress(foreign, 16));

            assertEquals(foreign, e.address());
            assertTrue(e.getMessage().contains("0x" + Long.toHexString(foreign)), e.getMessage());
            assertTrue(e.getMessage().contains("belongs to allocator 'arena-like'"), e.getMessage());
            assertSame(other, BlockOwners.ownerOf(foreign));
            assertSame(everyBlock, BlockOwners.ownerOf(mine));
            AllocatorStats after = everyBlock.stats();
            assertEquals(before.blocksFreed(), after.blocksFreed());
            assertEquals(before.bytesInUse(), after.bytesInUse());
            assertEquals(1, after.detail("invalidFreesDetected"));
        }
    }

    @Test
    void freeOfAnAddressNobodyHandedOutIsRefused() {
        long bogus = 0x10;
        InvalidFreeException e = assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(everyBlock).freeAddress(bogus, 8));
        assertTrue(e.getMessage().contains("0x10 (8 bytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("no Arbor allocator owns it"), e.getMessage());
    }

    @Test
    void freeWithTheWrongSizeIsRefusedAndTheBlockStaysLive() {
        long address = NativeAllocator.of(everyBlock).allocateAddress(64, 8, BlockKind.NOREFS);

        InvalidFreeException e = assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(everyBlock).freeAddress(address, 32));

        String m = e.getMessage();
        assertTrue(m.contains("0x" + Long.toHexString(address) + " with 32 bytes"), m);
        assertTrue(m.contains("handed it out with 64 bytes"), m);
        assertTrue(m.contains("freeWithTheWrongSizeIsRefusedAndTheBlockStaysLive"), m);
        NativeMemory.putLong(address + 56, 7);
        assertEquals(7, NativeMemory.getLong(address + 56), "the block is still live after a refused free");
        NativeAllocator.of(everyBlock).freeAddress(address, 64);
        assertEquals(1, everyBlock.stats().blocksFreed());
    }

    @Test
    void freeOfASliceIsRefused() {
        MemorySegment block = everyBlock.allocate(64, 8, BlockKind.NOREFS);
        assertThrows(InvalidFreeException.class, () -> everyBlock.free(block.asSlice(0, 32)));
        InvalidFreeException inside = assertThrows(InvalidFreeException.class, () -> everyBlock.free(block.asSlice(8)));
        assertTrue(inside.getMessage().contains("lies 8 bytes inside live block 0x" + Long.toHexString(block.address())),
                inside.getMessage());
        block.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, 1);
        everyBlock.free(block);
    }

    @Test
    void freeOfAHeapSegmentIsRefused() {
        assertThrows(InvalidFreeException.class, () -> everyBlock.free(MemorySegment.ofArray(new long[2])));
    }

    @Test
    void withoutRecordedSitesTheMessageNamesTheSettingThatRecordsThem() {
        try (DebugAllocator off = DebugAllocator.builder().leakDetection(LeakDetection.OFF).build()) {
            long address = NativeAllocator.of(off).allocateAddress(8, 8, BlockKind.NOREFS);
            NativeAllocator.of(off).freeAddress(address, 8);
            String m = assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(off).freeAddress(address, 8)).getMessage();
            assertTrue(m.contains("allocation site not recorded"), m);
            assertTrue(m.contains("leakDetection=OFF"), m);
            assertTrue(m.contains("leakDetection=EVERY_BLOCK"), m);
            assertTrue(m.contains("-Darbor.debug.leakDetection=every_block"), m);
        }
    }

    @Test
    void withoutQuarantineALateDoubleFreeIsStillRefused() {
        try (DebugAllocator noQuarantine = DebugAllocator.builder().quarantineBytes(0).build()) {
            long address = NativeAllocator.of(noQuarantine).allocateAddress(8, 8, BlockKind.NOREFS);
            NativeAllocator.of(noQuarantine).freeAddress(address, 8);
            InvalidFreeException e = assertThrows(InvalidFreeException.class, () -> NativeAllocator.of(noQuarantine).freeAddress(address, 8));
            assertTrue(e.getMessage().contains("raise 'quarantine'"), e.getMessage());
        }
    }
}
