package dev.arbor.examples.plugin;

import dev.arbor.api.Allocator;
import dev.arbor.api.contract.AllocatorContractTest;

class BoundedContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return new BoundedAllocator(1 << 20);
    }

    @Override
    protected long maxAlignment() {
        return 8;                                   // the largest alignment it serves
    }

    @Override
    protected boolean supportsReset() {
        return false;
    }
}
