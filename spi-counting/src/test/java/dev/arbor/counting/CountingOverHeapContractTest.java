package dev.arbor.counting;

import dev.arbor.api.Allocator;
import dev.arbor.api.contract.AllocatorContractTest;

/** The allocator contract for a counter over a heap allocator (the gc allocator's shape). */
class CountingOverHeapContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return CountingAllocator.over(new TestAllocators.Heap("heap"));
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
