package dev.arbor.it.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeHeap;
import dev.arbor.api.scope.CurrentAllocator;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The routing heap: new blocks go to the current allocator (else the default), frees go to the
 * allocator that owns the block whatever is current (the seed freed through the current one and
 * crashed).
 */
class RoutingHeapTest {
    /**
     * A range no real allocation can have: above the 47-bit user address space of x86-64 and
     * AArch64, so registering it for a mock cannot collide with a real allocator's chunk.
     */
    private static final long FAKE_START = 0x4000_0000_0000_0000L;
    private static final long FAKE_BYTES = 4096;

    private boolean fakeRegistered;

    private static NativeAllocator openMock(String name) {
        NativeAllocator a = mock(NativeAllocator.class);
        when(a.isOpen()).thenReturn(true);
        when(a.name()).thenReturn(name);
        return a;
    }

    private void registerFake(NativeAllocator owner) {
        BlockOwners.register(FAKE_START, FAKE_BYTES, owner);
        fakeRegistered = true;
    }

    @AfterEach
    void unregisterFake() {
        if (fakeRegistered) {
            BlockOwners.unregister(FAKE_START);
        }
    }

    @Test
    void allocationGoesToTheCurrentAllocator() {
        NativeAllocator current = openMock("current");
        MemorySegment block = MemorySegment.ofArray(new byte[64]);
        when(current.allocate(64, 8, BlockKind.REFS)).thenReturn(block);
        when(current.allocateAddress(32, 16, BlockKind.NOREFS)).thenReturn(FAKE_START);

        try (var _ = CurrentAllocator.use(current)) {
            assertSame(current, RoutingHeap.target());
            assertSame(block, RoutingHeap.allocate(64, 8, BlockKind.REFS));
            assertEquals(FAKE_START, NativeHeap.allocateAddress(32, 16, BlockKind.NOREFS));
            RoutingHeap.recordManagedBlock(48, BlockKind.REFS);
        }

        verify(current).allocate(64, 8, BlockKind.REFS);
        verify(current).allocateAddress(32, 16, BlockKind.NOREFS);
        verify(current).recordManagedBlock(48, BlockKind.REFS);
    }

    @Test
    void allocationGoesToTheDefaultWhenNoneIsCurrent() {
        NativeAllocator formerlyCurrent = openMock("formerly current");
        try (var _ = CurrentAllocator.use(formerlyCurrent)) {
            assertSame(formerlyCurrent, RoutingHeap.target());
        }

        assertNull(CurrentAllocator.get());
        assertSame(Allocators.defaultAllocator(), RoutingHeap.target());
        MemorySegment block = RoutingHeap.allocate(64, 8, BlockKind.REFS);
        assertFalse(block.isNative(), "the default (gc) path hands out JVM heap memory");
        assertEquals(64, block.byteSize());
        RoutingHeap.recordManagedBlock(48, BlockKind.REFS);
        verify(formerlyCurrent, never()).allocate(anyLong(), anyLong(), any());
        verify(formerlyCurrent, never()).recordManagedBlock(anyLong(), any());
    }

    @Test
    void useDefaultSendsAllocationToTheDefaultInsideAnotherScope() {
        NativeAllocator outer = openMock("outer");
        try (var _ = CurrentAllocator.use(outer); var _ = CurrentAllocator.useDefault()) {
            assertSame(Allocators.defaultAllocator(), RoutingHeap.target());
            RoutingHeap.allocate(8, 8, BlockKind.NOREFS);
        }
        verify(outer, never()).allocate(anyLong(), anyLong(), any());
    }

    @Test
    void freeGoesToTheOwnerWhateverIsCurrent() {
        NativeAllocator owner = openMock("owner");
        NativeAllocator current = openMock("current");
        registerFake(owner);

        try (var _ = CurrentAllocator.use(current)) {
            NativeHeap.freeAddress(FAKE_START + 16, 8);
        }

        verify(owner).freeAddress(FAKE_START + 16, 8);
        verify(current, never()).freeAddress(anyLong(), anyLong());
        verify(current, never()).free(any());
        assertSame(owner, RoutingHeap.ownerOf(FAKE_START + FAKE_BYTES - 1));
        assertNull(RoutingHeap.ownerOf(FAKE_START + FAKE_BYTES), "the range end is exclusive");
    }

    @Test
    void freeOfAnUnownedAddressThrowsAndTouchesNoAllocator() {
        NativeAllocator current = openMock("current");
        long unowned = FAKE_START + (1L << 40);

        InvalidFreeException e;
        try (var _ = CurrentAllocator.use(current)) {
            e = assertThrows(InvalidFreeException.class, () -> NativeHeap.freeAddress(unowned, 8));
        }

        assertEquals(unowned, e.address());
        assertTrue(e.getMessage().contains(Long.toHexString(unowned)), e.getMessage());
        verify(current, never()).freeAddress(anyLong(), anyLong());
        verify(current, never()).free(any());
    }

    @Test
    void aBlockAllocatedInOneArenaAndFreedWhileAnotherIsCurrentGoesBackToItsArena() {
        try (Allocator a = Allocators.create("arena", AllocatorConfig.of("chunkSize", "4k", "name", "arena-A"));
                Allocator b = Allocators.create("arena", AllocatorConfig.of("chunkSize", "4k", "name", "arena-B"))) {
            long address;
            MemorySegment segment;
            try (var _ = CurrentAllocator.use(a)) {
                address = NativeHeap.allocateAddress(64, 8, BlockKind.NOREFS);
                segment = RoutingHeap.allocate(32, 8, BlockKind.NOREFS);
            }
            assertSame(a, RoutingHeap.ownerOf(address));
            long aFreedBefore = a.stats().blocksFreed();
            long bFreedBefore = b.stats().blocksFreed();

            try (var _ = CurrentAllocator.use(b)) {
                RoutingHeap.free(segment);
                NativeHeap.freeAddress(address, 64);
            }

            assertEquals(aFreedBefore + 2, a.stats().blocksFreed(), "both frees reach the owning arena A");
            assertEquals(bFreedBefore, b.stats().blocksFreed(), "the current arena B is not touched");
            assertEquals(0, b.stats().blocksAllocated());
        }
    }

    @Test
    void aCountingAllocatorSeesEveryRoutedNodeAndFreesByAddressReachItWhateverIsCurrent() {
        try (Allocator counting = Allocators.create("counting", AllocatorConfig.of("delegate", "arena", "delegate.chunkSize", "4k"));
                Allocator other = Allocators.create("gc")) {
            long address;
            try (var _ = CurrentAllocator.use(counting)) {
                address = NativeHeap.allocateAddress(64, 8, BlockKind.NOREFS);
                RoutingHeap.allocate(32, 8, BlockKind.REFS);
                RoutingHeap.recordManagedBlock(48, BlockKind.REFS);
            }
            assertEquals(3, counting.stats().detail("countedBlocks"), "native, segment and managed nodes are all counted");
            assertSame(counting, RoutingHeap.ownerOf(address), "the counter stands in front of the arena it wraps");

            try (var _ = CurrentAllocator.use(other)) {
                NativeHeap.freeAddress(address, 64);
            }

            assertEquals(1, counting.stats().detail("countedFrees"));
        }
    }
}
