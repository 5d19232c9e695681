package dev.arbor.examples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.BlockKind;
import dev.arbor.api.discovery.Allocators;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The example plugin is found by name, configured, and keeps its bound. */
class BoundedProviderTest {
    @Test
    void discoveryFindsThePluginAndAppliesItsSettingAndRefusesOthers() {
        try (Allocator bounded = Allocators.create("bounded", AllocatorConfig.of("maxBytes", "1k"))) {
            MemorySegment first = bounded.allocate(1000, 8, BlockKind.NOREFS);
            assertThrows(AllocationLimitExceededException.class, () -> bounded.allocate(100, 8, BlockKind.NOREFS));
            bounded.free(first);
            bounded.allocate(100, 8, BlockKind.NOREFS);
            assertEquals(1024, bounded.stats().detail("maxBytes"));
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> Allocators.create("bounded", AllocatorConfig.of("maxbytes", "1k")));
        assertTrue(e.getMessage().contains("did you mean 'maxBytes'?"), e.getMessage());
    }
}
