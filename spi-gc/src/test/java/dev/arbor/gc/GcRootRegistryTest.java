package dev.arbor.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.arbor.api.roots.RootRegistries;
import dev.arbor.api.roots.RootRegistry;
import dev.arbor.api.roots.RootTable;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcRootRegistryTest {

    @Test
    void theRegistryOnTheClasspathIsTheGcRootRegistry() {
        assertInstanceOf(GcRootRegistry.class, RootRegistries.registry());
    }

    @Test
    void countsPinnedObjectsPerOwnerUntilTheTablesClose() {
        RootRegistry registry = RootRegistries.registry();
        int tablesBefore = registry.tableCount();
        long totalBefore = registry.pinnedTotal();
        RootTable a = new RootTable("a", registry);
        RootTable b = new RootTable("b", registry);
        long handle = a.register("x");
        a.register("y");
        a.register(new Object());
        b.register(42);
        assertEquals(tablesBefore + 2, registry.tableCount());
        assertEquals(3, registry.pinnedBy("a"));
        assertEquals(1, registry.pinnedBy("b"));
        assertEquals(0, registry.pinnedBy("nobody"));
        assertEquals(totalBefore + 4, registry.pinnedTotal());
        assertEquals(totalBefore + 4, new GcAllocator().stats().pinnedRoots(), "the gc allocator reports the total");

        a.release(handle);
        assertEquals(2, registry.pinnedBy("a"));

        a.close();
        b.close();
        assertEquals(0, registry.pinnedBy("a"));
        assertEquals(0, registry.pinnedBy("b"));
        assertEquals(tablesBefore, registry.tableCount());
        assertEquals(totalBefore, registry.pinnedTotal());
    }

    @Test
    void tablesOfTheSameOwnerAddUp() {
        GcRootRegistry registry = new GcRootRegistry();
        RootTable first = new RootTable("arena", registry);
        RootTable second = new RootTable("arena", registry);
        RootTable other = new RootTable("debug", registry);
        first.register(1);
        second.register(2);
        second.register(3);
        other.register(4);
        assertEquals(3, registry.pinnedBy("arena"));
        assertEquals(Map.of("arena", 3L, "debug", 1L), registry.pinnedByOwner());
        first.releaseAll();
        assertEquals(2, registry.pinnedBy("arena"));
        second.close();
        assertEquals(0, registry.pinnedBy("arena"));
        assertEquals(2, registry.tableCount(), "the open 'arena' table and 'debug'");
        first.close();
        other.close();
        assertEquals(0, registry.tableCount());
    }

    @Test
    void registerAndUnregisterNeverThrow() {
        GcRootRegistry registry = new GcRootRegistry();
        registry.register(null);
        registry.unregister(null);
        RootTable t = new RootTable("t", registry);
        registry.unregister(t);
        registry.unregister(t);
        assertEquals(0, registry.tableCount());
        t.close();
    }
}
