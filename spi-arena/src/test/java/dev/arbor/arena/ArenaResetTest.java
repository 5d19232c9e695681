package dev.arbor.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Reset: reuse of every retained chunk, the three modes, generations. */
class ArenaResetTest {
    private static final int BLOCK = 64;
    private static final int BLOCKS_PER_MIB = (1 << 20) / BLOCK;

    /** Allocates ~1 MiB in 64-byte blocks and writes the first word of the first and last block. */
    private static void fillOneMebibyte(ArenaAllocator arena, int cycle) {
        long first = NativeAllocator.of(arena).allocateAddress(BLOCK, 8, BlockKind.NOREFS);
        long last = first;
        for (int i = 1; i < BLOCKS_PER_MIB; i++) {
            last = NativeAllocator.of(arena).allocateAddress(BLOCK, 8, BlockKind.NOREFS);
        }
        NativeMemory.putLong(first, cycle);
        NativeMemory.putLong(last, cycle);
    }

    @Test
    void tenThousandResetCyclesUnderRetainCapacityReserveNothingAfterTheFirst() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            fillOneMebibyte(arena, 0);
            AllocatorStats first = arena.stats();
            long chunks = first.detail("chunks");
            assertTrue(chunks >= 2, "1 MiB of blocks spans several 1 MiB chunks, so reuse of more than one is tested");
            for (int cycle = 1; cycle < 10_000; cycle++) {
                arena.reset();
                fillOneMebibyte(arena, cycle);
                if (cycle % 1000 == 0 || cycle == 9_999) {
                    AllocatorStats s = arena.stats();
                    assertEquals(first.bytesReserved(), s.bytesReserved(), "reserved bytes at cycle " + cycle);
                    assertEquals(chunks, s.detail("chunks"), "chunk count at cycle " + cycle);
                    assertEquals(first.bytesInUse(), s.bytesInUse(), "bytes in use at cycle " + cycle);
                }
            }
            AllocatorStats last = arena.stats();
            assertEquals(first.bytesReserved(), last.bytesReserved());
            assertEquals(9_999, last.resets());
            assertEquals(9_999, arena.generation());
            assertEquals(10_000L * BLOCKS_PER_MIB, last.blocksAllocated());
            assertEquals(first.peakBytesInUse(), last.peakBytesInUse());
        }
    }

    @Test
    void freeAllReturnsEveryChunkToTheSystem() {
        int regionsBefore = BlockOwners.regionCount();
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4096).resetMode(ResetMode.FREE_ALL).build()) {
            for (int i = 0; i < 1000; i++) {
                NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            }
            NativeAllocator.of(arena).allocateAddress(10_000, 8, BlockKind.NOREFS);
            assertTrue(arena.stats().detail("chunks") > 10);
            arena.reset();
            AllocatorStats s = arena.stats();
            assertEquals(0, s.bytesReserved());
            assertEquals(0, s.detail("chunks"));
            assertEquals(0, s.detail("largeBlocks"));
            assertEquals(0, s.bytesInUse());
            assertEquals(regionsBefore, BlockOwners.regionCount());
            long a = NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            NativeMemory.putLong(a, 7);
            assertEquals(7, NativeMemory.getLong(a));
        }
    }

    @Test
    void retainWithLimitKeepsAtMostThatManyBytesAndReusesThem() {
        long limit = 3 * 4096 + 100;
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4096).build()) {
            for (int i = 0; i < 1000; i++) {
                NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            }
            assertTrue(arena.stats().bytesReserved() > limit);
            arena.reset(ResetMode.retainWithLimit(limit));
            assertEquals(3 * 4096, arena.stats().bytesReserved());
            assertEquals(3, arena.stats().detail("chunks"));
            for (int i = 0; i < 150; i++) { // fits in the 3 retained chunks
                NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            }
            assertEquals(3 * 4096, arena.stats().bytesReserved(), "the retained chunks were reused, none added");
            arena.reset(ResetMode.retainWithLimit(0));
            assertEquals(0, arena.stats().bytesReserved());
        }
    }

    @Test
    void theConfiguredResetModeIsWhatResetUses() {
        AllocatorConfig config = AllocatorConfig.of("chunkSize", "4k", "resetMode", "RETAIN_WITH_LIMIT", "retainLimit", "8k");
        try (ArenaAllocator arena = new ArenaProvider().create(config)) {
            for (int i = 0; i < 1000; i++) {
                NativeAllocator.of(arena).allocateAddress(64, 8, BlockKind.NOREFS);
            }
            arena.reset();
            assertEquals(8192, arena.stats().bytesReserved());
        }
    }

    @Test
    void resetInvalidatesSegmentsReleasesLargeBlocksAndRootsAndCountsAGeneration() {
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4096).build()) {
            MemorySegment small = arena.allocate(64, 8, BlockKind.NOREFS);
            MemorySegment large = arena.allocate(5000, 8, BlockKind.NOREFS);
            arena.roots().register("pinned");
            assertEquals(1, arena.stats().pinnedRoots());
            long generation = arena.generation();

            arena.reset();
            assertEquals(generation + 1, arena.generation());
            assertEquals(generation + 1, arena.stats().detail("generation"));
            assertThrows(IllegalStateException.class, () -> small.get(ValueLayout.JAVA_LONG, 0));
            assertThrows(IllegalStateException.class, () -> large.get(ValueLayout.JAVA_LONG, 0));
            assertEquals(0, arena.stats().detail("largeBlocks"));
            assertEquals(0, arena.stats().pinnedRoots());
            assertEquals(4096, arena.stats().bytesReserved(), "the chunk is retained");
            assertEquals(1, arena.stats().resets());

            MemorySegment fresh = arena.allocate(64, 8, BlockKind.NOREFS);
            assertEquals(small.address(), fresh.address(), "the next generation starts at the first retained chunk");
            fresh.set(ValueLayout.JAVA_LONG, 0, 5);
            assertEquals(5, fresh.get(ValueLayout.JAVA_LONG, 0));
        }
    }
}
