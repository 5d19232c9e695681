package dev.arbor.api.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.FunctionalAllocator;
import dev.arbor.api.RefusingAllocator;
import dev.arbor.api.TestAllocator;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Allocators from functions, and the failure-injecting decorator. */
class FunctionalAllocatorTest {

    @Test
    void aFunctionalAllocatorServesTheRoutingHeapAndChecksWhatItsFunctionsReturn() {
        List<MemorySegment> given = new ArrayList<>();
        List<MemorySegment> taken = new ArrayList<>();
        try (Allocator a = FunctionalAllocator.builder("list")
                .allocate((bytes, alignment, kind) -> {
                    MemorySegment s = MemorySegment.ofArray(new long[(int) ((bytes + 7) / 8)]).asSlice(0, bytes);
                    given.add(s);
                    return s;
                })
                .free(taken::add)
                .build();
             AllocatorScope scope = CurrentAllocator.use(a)) {
            MemorySegment block = RoutingHeap.allocate(24, 8, BlockKind.NOREFS);
            assertEquals(List.of(block), given);
            a.free(block);
            assertEquals(List.of(block), taken);
            assertEquals(1, a.stats().blocksAllocated());
            assertEquals(1, a.stats().blocksFreed());
            assertThrows(UnsupportedOperationException.class, a::reset, "no reset function given");
        }
        Allocator wrongSize = FunctionalAllocator.builder("short")
                .allocate((bytes, alignment, kind) -> MemorySegment.ofArray(new long[1]))
                .free(block -> { })
                .build();
        var e = assertThrows(IllegalStateException.class, () -> wrongSize.allocate(64, 8, BlockKind.NOREFS));
        assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
        assertThrows(NullPointerException.class, () -> FunctionalAllocator.builder("no free")
                .allocate((bytes, alignment, kind) -> MemorySegment.NULL).build());
    }

    @Test
    void theRefusingDecoratorNumbersEveryAllocationAndRefusesFromTheOneAsked() {
        TestAllocator heap = new TestAllocator("heap");
        try (RefusingAllocator refusing = RefusingAllocator.over(heap)) {
            refusing.allocate(8, 8, BlockKind.NOREFS);
            refusing.recordManagedBlock(16, BlockKind.REFS);
            refusing.refuseFrom(2);
            refusing.allocate(8, 8, BlockKind.NOREFS);                      // #3: the first after refuseFrom
            var e = assertThrows(AllocationFailedException.class, () -> refusing.recordManagedBlock(16, BlockKind.REFS));
            assertTrue(e.getMessage().contains("#4"), e.getMessage());
            assertThrows(AllocationFailedException.class, () -> refusing.allocate(8, 8, BlockKind.NOREFS));
            assertEquals(5, refusing.allocations());
            assertEquals(2, refusing.refusals());
            assertEquals(2, heap.allocations, "refused allocations never reach the delegate");
            assertEquals(1, heap.managed);
            refusing.allowAll();
            refusing.allocate(8, 8, BlockKind.NOREFS);
            refusing.refuseIf(n -> n % 2 == 0);
            refusing.allocate(8, 8, BlockKind.NOREFS);                      // #7
            assertThrows(AllocationFailedException.class, () -> refusing.allocate(8, 8, BlockKind.NOREFS));
            assertThrows(IllegalArgumentException.class, () -> refusing.refuseFrom(0));
        }
        assertTrue(heap.isOpen(), "closing the decorator leaves the delegate open");
    }
}
