package dev.arbor.it.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real plugins together: collections under a counting allocator that decorates an arena. */
class CollectionsAcrossAllocatorsTest {

    @Test
    void aCountingAllocatorOverAnArenaSeesEveryNativeNodeAndEveryFree() {
        try (Allocator counting = Allocators.create("counting", AllocatorConfig.of("delegate", "arena"))) {
            assertTrue(counting.isNative(), "a counter over an arena hands out native nodes");
            long arenaBlocksBefore = counting.stats().blocksAllocated();
            Map<Long, Long> model = new HashMap<>();
            PersistentMap<Long, Long> result;
            try (AllocatorScope scope = CurrentAllocator.use(counting)) {
                TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (long k = 0; k < 20_000; k++) {
                    t.putLong(k * 0x9E3779B97F4A7C15L, k);
                    model.put(k * 0x9E3779B97F4A7C15L, k);
                }
                result = t.persistent();
            }
            var stats = counting.stats();
            long arenaBlocks = stats.blocksAllocated() - arenaBlocksBefore;
            assertEquals(arenaBlocks, stats.detail("countedBlocks"), "every node the arena served went through the counter");
            assertEquals(stats.blocksFreed(), stats.detail("countedFrees"),
                    "every node the transient replaced was freed through the counter, found by address");
            assertTrue(stats.detail("countedFrees") > 0, "a transient build replaces nodes");
            assertEquals(model, result, "the native map equals its model");
            PersistentMap<Long, Long> copy = result.copyToHeap();
            counting.reset();
            assertEquals(model, copy, "the copied-out map survives the reset");
            assertThrows(IllegalStateException.class, () -> result.getLong(0), "the native map is stale after the reset");
        }
    }

    @Test
    void aMapBuiltUnderTheDebugAllocatorLeaksNothingOnceReset() {
        try (Allocator debug = Allocators.create("debug", AllocatorConfig.of("failOnLeak", "true"))) {
            PersistentMap<String, Integer> built;
            try (AllocatorScope scope = CurrentAllocator.use(debug)) {
                TransientMap<String, Integer> t = PersistentMap.<String, Integer>empty(Codec.object(), Codec.object()).asTransient();
                for (int i = 0; i < 2_000; i++) {
                    t.put("key-" + i, i);
                }
                built = t.persistent();
            }
            assertEquals(2_000, built.size());
            assertEquals(1_999, built.get("key-1999"));
            assertTrue(debug.stats().pinnedRoots() >= 4_000, "keys and values are held through the debug allocator's roots");
            debug.reset();
            assertEquals(0, debug.stats().pinnedRoots(), "reset releases every root");
        }
    }
}
