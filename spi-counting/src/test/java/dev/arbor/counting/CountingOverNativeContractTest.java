package dev.arbor.counting;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.contract.AllocatorContractTest;

/**
 * The allocator contract for a counter that owns a native allocator: reset and the address path
 * delegate, and the routing heap finds the counter as the owner of its blocks.
 */
class CountingOverNativeContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        return new CountingProvider().create(AllocatorConfig.of("delegate", "test-native"));
    }
}
