package dev.arbor.arena;

import dev.arbor.api.Allocator;
import dev.arbor.api.contract.AllocatorContractTest;

/** The allocator contract, for a shared arena (every operation takes the locked path). */
class SharedArenaContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return ArenaAllocator.builder().shared(true).chunkSize(64 << 10).build();
    }
}
