package dev.arbor.arena;

import dev.arbor.api.Allocator;
import dev.arbor.api.contract.AllocatorContractTest;

/** The allocator contract, for a confined arena with the defaults. */
class ArenaContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return ArenaAllocator.create();
    }
}
