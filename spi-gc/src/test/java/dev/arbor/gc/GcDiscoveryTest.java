package dev.arbor.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.heap.RoutingHeap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** With arbor-spi-gc on the classpath, everything works without configuration. */
class GcDiscoveryTest {

    @Test
    void theDefaultAllocatorIsTheGcAllocator() {
        Allocator def = Allocators.defaultAllocator();
        assertInstanceOf(GcAllocator.class, def);
        assertEquals("gc", def.name());
        assertTrue(Allocators.catalog().provider("gc").isDefault());
    }

    @Test
    void theRoutingHeapAllocatesAndFreesWithNoConfiguration() {
        Allocator def = Allocators.defaultAllocator();
        long allocated = def.stats().blocksAllocated();
        long freed = def.stats().blocksFreed();
        MemorySegment s = RoutingHeap.allocate(32, 8, BlockKind.REFS);
        s.set(ValueLayout.JAVA_LONG, 24, 9L);
        assertEquals(9L, s.get(ValueLayout.JAVA_LONG, 24));
        RoutingHeap.free(s);
        assertEquals(allocated + 1, def.stats().blocksAllocated());
        assertEquals(freed + 1, def.stats().blocksFreed());
    }

    @Test
    void createByNameMakesAFreshAllocator() {
        try (Allocator a = Allocators.create("gc")) {
            assertInstanceOf(GcAllocator.class, a);
            assertNotSame(Allocators.defaultAllocator(), a);
            assertFalse(Allocators.isDefault(a));
        }
    }

    @Test
    void theDefaultAllocatorRefusesToCloseAndStaysOpen() {
        Allocator def = Allocators.defaultAllocator();
        assertTrue(Allocators.isDefault(def));
        var e = assertThrows(UnsupportedOperationException.class, def::close);
        assertTrue(e.getMessage().contains("Allocators.create"), e.getMessage());
        assertTrue(def.isOpen());
        RoutingHeap.free(RoutingHeap.allocate(8, 8, BlockKind.NOREFS));
    }
}
