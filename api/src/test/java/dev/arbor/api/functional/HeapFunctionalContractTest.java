package dev.arbor.api.functional;

import dev.arbor.api.Allocator;
import dev.arbor.api.FunctionalAllocator;
import dev.arbor.api.contract.AllocatorContractTest;
import java.lang.foreign.MemorySegment;

/** The contract for an allocator made of two functions over JVM heap arrays (no reset). */
class HeapFunctionalContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return FunctionalAllocator.builder("heap-functions")
                .allocate((bytes, alignment, kind) -> MemorySegment.ofArray(new long[(int) ((bytes + 7) / 8)]).asSlice(0, bytes))
                .free(block -> { })
                .build();
    }

    @Override
    protected long maxAlignment() {
        return 8;
    }

    @Override
    protected boolean supportsReset() {
        return false;
    }
}
