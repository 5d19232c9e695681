package dev.arbor.debug;

import dev.arbor.api.Allocator;
import dev.arbor.api.contract.AllocatorContractTest;

/** The allocator contract, for the debug allocator. */
class DebugContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return DebugAllocator.builder().build();
    }
}
