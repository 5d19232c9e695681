package dev.arbor.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.memory.NativeHeap;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import org.junit.jupiter.api.Test;

/** Frees routed by address reach the debug allocator whatever allocator is current. */
class RoutingTest {

    @Test
    void routingHeapFreesADebugBlockThroughItsOwnerAndItDetectsTheDoubleFree() {
        try (DebugAllocator debug = DebugAllocator.builder().leakDetection(LeakDetection.EVERY_BLOCK).build();
             ArenaLikeAllocator other = new ArenaLikeAllocator()) {
            long address;
            try (AllocatorScope _ = CurrentAllocator.use(debug)) {
                address = NativeHeap.allocateAddress(32, 8, BlockKind.NOREFS);
            }
            assertSame(debug, RoutingHeap.ownerOf(address));

            try (AllocatorScope _ = CurrentAllocator.use(other)) {
                NativeHeap.freeAddress(address, 32);
                assertEquals(1, debug.stats().blocksFreed());
                assertEquals(0, other.frees(), "the current allocator never sees another allocator's block");

                InvalidFreeException e = assertThrows(InvalidFreeException.class, () -> NativeHeap.freeAddress(address, 32));
                assertTrue(e.getMessage().contains("double free"), e.getMessage());
                assertTrue(e.getMessage().contains("debug allocator 'debug'"), e.getMessage());
                assertTrue(e.getMessage().contains("routingHeapFreesADebugBlockThroughItsOwnerAndItDetectsTheDoubleFree"), e.getMessage());
            }
            assertEquals(1, debug.stats().detail("doubleFreesDetected"));
            assertEquals(0, other.frees());
        }
    }

    @Test
    void routingHeapFreesADebugSegmentThroughItsOwner() {
        try (DebugAllocator debug = DebugAllocator.builder().build();
             ArenaLikeAllocator other = new ArenaLikeAllocator();
             AllocatorScope _ = CurrentAllocator.use(other)) {
            var segment = debug.allocate(16, 8, BlockKind.REFS);
            RoutingHeap.free(segment);
            assertEquals(1, debug.stats().blocksFreed());
            assertEquals(0, other.frees());
        }
    }
}
