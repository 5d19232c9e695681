package dev.arbor.api.contract;

import dev.arbor.api.Allocator;
import dev.arbor.api.TestAllocator;

/** Runs the contract against the API's own test allocator, so the contract itself is exercised here. */
class TestAllocatorContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return new TestAllocator("test");
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
