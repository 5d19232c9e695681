package dev.arbor.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.BlockKind;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.memory.NativeAllocator;
import org.junit.jupiter.api.Test;

class DebugProviderTest {

    @Test
    void isFoundByNameAndIsNotTheDefault() {
        AllocatorProvider p = Allocators.catalog().provider("debug");
        assertInstanceOf(DebugProvider.class, p);
        assertFalse(p.isDefault());
    }

    @Test
    void configurationKeysAreApplied() {
        AllocatorConfig config = AllocatorConfig.of("leakDetection", "every_block", "quarantine", "0", "failOnLeak", "true");
        Allocator a = Allocators.create("debug", config);
        DebugAllocator debug = assertInstanceOf(DebugAllocator.class, a);
        assertEquals(LeakDetection.EVERY_BLOCK, debug.leakDetection());
        long address = NativeAllocator.of(a).allocateAddress(8, 8, BlockKind.NOREFS);
        NativeAllocator.of(a).freeAddress(address, 8);
        assertEquals(0, a.stats().detail("quarantinedBytes"), "quarantine=0 keeps nothing");
        NativeAllocator.of(a).allocateAddress(8, 8, BlockKind.NOREFS);
        assertThrows(LeakDetectedException.class, a::close, "failOnLeak=true");
    }

    @Test
    void badSettingsNameTheKey() {
        DebugProvider p = new DebugProvider();
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> p.create(AllocatorConfig.of("leakDetection", "paranoid")));
        assertTrue(level.getMessage().contains("leakDetection"), level.getMessage());
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> p.create(AllocatorConfig.of("sampleInterval", "0")));
        assertTrue(interval.getMessage().contains("sampleInterval"), interval.getMessage());
        IllegalArgumentException quarantine = assertThrows(IllegalArgumentException.class,
                () -> p.create(AllocatorConfig.of("quarantine", "lots")));
        assertTrue(quarantine.getMessage().contains("quarantine"), quarantine.getMessage());
    }
}
