package dev.arbor.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidMemoryAccessException;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Use after free must throw, never crash. The module's tests run with
 * {@code -Darbor.memory.checked=true} (see the pom), so raw access is checked.
 *
 * <p>Poisoning is observed through the package-private hook {@code quarantinedBytes}: checked raw
 * access rightly refuses to read a freed block, and a segment from before the free is closed, so
 * the hook reads the block through a fresh temporary segment while the allocator's lock
 * guarantees the block is still quarantined, i.e. its memory is still reserved (a sound read).
 */
class UseAfterFreeTest {
    private final TrackingAllocator a = (TrackingAllocator) DebugAllocator.builder().build();

    @BeforeAll
    static void checkedModeIsOn() {
        assertTrue(NativeMemory.CHECKED, "the pom sets -Darbor.memory.checked=true for these tests");
    }

    @AfterEach
    void close() {
        if (a.isOpen()) {
            a.close();
        }
    }

    @Test
    void segmentAccessAfterFreeThrowsIllegalStateException() {
        MemorySegment block = a.allocate(64, 8, BlockKind.NOREFS);
        block.set(ValueLayout.JAVA_LONG, 0, 42);
        a.free(block);
        assertThrows(IllegalStateException.class, () -> block.get(ValueLayout.JAVA_LONG, 0));
        assertThrows(IllegalStateException.class, () -> block.set(ValueLayout.JAVA_LONG, 0, 1));
    }

    @Test
    void checkedRawAccessToAFreedAddressThrows() {
        long address = NativeAllocator.of(a).allocateAddress(64, 8, BlockKind.NOREFS);
        NativeMemory.putLong(address, 42);
        NativeAllocator.of(a).freeAddress(address, 64);
        InvalidMemoryAccessException e = assertThrows(InvalidMemoryAccessException.class, () -> NativeMemory.getLong(address));
        assertEquals(address, e.address());
        assertThrows(InvalidMemoryAccessException.class, () -> NativeMemory.putLong(address + 8, 1));
    }

    @Test
    void checkedRawAccessToMemoryGivenBackToTheSystemThrows() {
        try (DebugAllocator noQuarantine = DebugAllocator.builder().quarantineBytes(0).build()) {
            long address = NativeAllocator.of(noQuarantine).allocateAddress(64, 8, BlockKind.NOREFS);
            NativeAllocator.of(noQuarantine).freeAddress(address, 64);
            assertThrows(InvalidMemoryAccessException.class, () -> NativeMemory.getLong(address));
            assertThrows(InvalidMemoryAccessException.class, () -> NativeMemory.getByte(address));
        }
    }

    @Test
    void checkedRawAccessIsExactToTheByte() {
        long address = NativeAllocator.of(a).allocateAddress(20, 8, BlockKind.NOREFS);
        NativeMemory.putLong(address + 12, 5);
        assertThrows(InvalidMemoryAccessException.class, () -> NativeMemory.getLong(address + 13),
                "one byte past the block's end is refused, though the reservation is padded for alignment");
        assertThrows(InvalidMemoryAccessException.class, () -> NativeMemory.getByte(address - 1));
    }

    @Test
    void checkedRawAccessAfterResetThrows() {
        long address = NativeAllocator.of(a).allocateAddress(16, 8, BlockKind.NOREFS);
        a.reset();
        assertThrows(InvalidMemoryAccessException.class, () -> NativeMemory.getLong(address));
    }

    @Test
    void freedMemoryIsPoisoned() {
        MemorySegment block = a.allocate(32, 8, BlockKind.NOREFS);
        block.fill((byte) 0x11);
        a.free(block);
        byte[] expected = new byte[32];
        Arrays.fill(expected, DebugAllocator.POISON);
        assertArrayEquals(expected, a.quarantinedBytes(block.address()));
    }

    @Test
    void resetPoisonsEveryBlock() {
        long first = NativeAllocator.of(a).allocateAddress(16, 8, BlockKind.NOREFS);
        long second = NativeAllocator.of(a).allocateAddress(8, 8, BlockKind.REFS);
        NativeMemory.fill(first, 16, (byte) 0x22);
        NativeMemory.putLong(second, -1);
        a.reset();
        for (byte b : a.quarantinedBytes(first)) {
            assertEquals(DebugAllocator.POISON, b);
        }
        for (byte b : a.quarantinedBytes(second)) {
            assertEquals(DebugAllocator.POISON, b);
        }
    }

    @Test
    void theQuarantineReleasesTheOldestBlocksFirst() {
        // each 64-byte block aligned to 8 reserves 71 bytes: three do not fit in 200
        try (TrackingAllocator small = (TrackingAllocator) DebugAllocator.builder().quarantineBytes(200).build()) {
            long[] blocks = new long[3];
            for (int i = 0; i < 3; i++) {
                blocks[i] = NativeAllocator.of(small).allocateAddress(64, 8, BlockKind.NOREFS);
            }
            for (long b : blocks) {
                NativeAllocator.of(small).freeAddress(b, 64);
            }
            assertNull(small.quarantinedBytes(blocks[0]), "the oldest was given back");
            assertNotNull(small.quarantinedBytes(blocks[1]));
            assertNotNull(small.quarantinedBytes(blocks[2]));
            assertEquals(2, small.stats().detail("quarantinedBlocks"));
            assertEquals(142, small.stats().detail("quarantinedBytes"));
            assertEquals(142, small.stats().bytesReserved());
        }
    }
}
