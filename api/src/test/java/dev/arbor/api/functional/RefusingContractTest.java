package dev.arbor.api.functional;

import dev.arbor.api.Allocator;
import dev.arbor.api.RefusingAllocator;
import dev.arbor.api.TestAllocator;
import dev.arbor.api.contract.AllocatorContractTest;

/** The contract for the failure-injecting decorator while it refuses nothing. */
class RefusingContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return RefusingAllocator.over(new TestAllocator("heap"));
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
