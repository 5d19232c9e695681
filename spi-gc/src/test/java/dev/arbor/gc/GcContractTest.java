package dev.arbor.gc;

import dev.arbor.api.Allocator;
import dev.arbor.api.contract.AllocatorContractTest;

/** The allocator contract for the gc allocator: heap alignment up to 8, no reset. */
class GcContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return new GcAllocator();
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
