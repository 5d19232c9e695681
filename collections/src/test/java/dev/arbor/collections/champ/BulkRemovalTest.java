package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import dev.arbor.collections.testing.Seeds;
import dev.arbor.debug.DebugAllocator;
import dev.arbor.debug.LeakDetection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code minusAll} on persistent maps and sets must answer as {@code java.util}'s
 * {@code removeAll} for any argument (present keys as equal but different objects, absent keys,
 * objects the codec cannot hold, duplicates), leave the receiver as it was, give the canonical
 * shape of what is left, and return the receiver itself when nothing was removed.
 */
class BulkRemovalTest {

    /** What to remove: a mix of present keys (fresh objects), absent keys, duplicates and foreign objects. */
    private static List<Object> removals(HashScenario scenario, int size, Random rnd) {
        List<Object> out = new ArrayList<>();
        int n = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(2 * size + 3);
        for (int i = 0; i < n; i++) {
            out.add(rnd.nextInt(20) == 0 ? "not a key" : scenario.key(rnd.nextInt(2 * size + 2)));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void mapMinusAllAnswersAsRemoveAllAndKeepsTheCanonicalShape(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 2_000) + 1);
            String msg = Seeds.replay(seed) + scenario + " round " + round + " (size " + size + "): ";
            Map<Key, Long> before = FilterCases.entries(scenario, size, rnd);
            PersistentMap<Key, Long> map = PersistentMap.<Key, Long>of().plusAll(before);
            List<Object> gone = removals(scenario, size, rnd);
            Map<Key, Long> model = new HashMap<>(before);
            model.keySet().removeAll(gone);

            PersistentMap<Key, Long> result = map.minusAll(gone);

            assertEquals(model, result, msg + "contents");
            assertEquals(model.size(), result.size(), msg + "size");
            assertEquals(before, map, msg + "the map changed");
            if (model.size() == before.size()) {
                assertSame(map, result, msg + "nothing removed: the map itself");
            }
            FilterCases.assertCanonical(result, model, msg);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void setMinusAllAnswersAsRemoveAllAndKeepsTheCanonicalShape(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 2_000) + 1);
            String msg = Seeds.replay(seed) + scenario + " round " + round + " (size " + size + "): ";
            Set<Key> before = FilterCases.keys(scenario, size, rnd);
            PersistentSet<Key> set = PersistentSet.<Key>empty(Codec.object()).plusAll(before);
            List<Object> gone = removals(scenario, size, rnd);
            Set<Key> model = new HashSet<>(before);
            model.removeAll(gone);

            PersistentSet<Key> result = set.minusAll(gone);

            assertEquals(model, result, msg + "contents");
            assertEquals(model.size(), result.size(), msg + "size");
            assertEquals(before, set, msg + "the set changed");
            if (model.size() == before.size()) {
                assertSame(set, result, msg + "nothing removed: the set itself");
            }
            FilterCases.assertCanonical(result, model, msg);
        }
    }

    @Test
    void longKeysIgnoreWhatTheCodecCannotHoldAsJavaUtilDoes() {
        PersistentMap<Long, Long> map = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG)
                .plusLong(1, 10).plusLong(2, 20).plusLong(3, 30);
        // An Integer 2 is not the Long key 2, in java.util as here.
        List<Object> gone = List.of(1L, 2, "3", 4L);
        Map<Long, Long> model = new HashMap<>(map);
        model.keySet().removeAll(gone);
        assertEquals(model, map.minusAll(gone));
        assertEquals(Map.of(2L, 20L, 3L, 30L), map.minusAll(gone));

        PersistentSet<Long> set = PersistentSet.ofLongs(1, 2, 3);
        assertEquals(Set.of(2L, 3L), set.minusAll(gone));
        assertSame(set, set.minusAll(List.of(2, "3", 7L)), "nothing removed");
        assertTrue(set.minusAll(set).isEmpty(), "a set without itself is empty");
        assertTrue(map.minusAll(map.keySet()).isEmpty(), "a map without its own keys is empty");
    }

    @Test
    void aNullArgumentIsRefusedWithItsName() {
        PersistentMap<Long, Long> map = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).plusLong(1, 1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> map.minusAll(null));
        assertTrue(e.getMessage().contains("keys"), e.getMessage());
        PersistentSet<Long> set = PersistentSet.ofLongs(1);
        e = assertThrows(NullPointerException.class, () -> set.minusAll(null));
        assertTrue(e.getMessage().contains("elements"), e.getMessage());
    }

    @Test
    void removalsShareOneTransientSoEachPathIsCopiedOnce() {
        // Keys 0..9999 hash to themselves: a full root, 32 full second-level nodes, and 1,024
        // leaves of about ten entries, so every removal below edits the root, a second-level node
        // and a leaf.
        PersistentMap<Long, Long> map = PersistentMap.empty(Codec.LONG, Codec.LONG);
        for (long k = 0; k < 10_000; k++) {
            map = map.plusLong(k, k);
        }
        List<Long> gone = new ArrayList<>();
        for (long k = 0; k < 10_000; k += 3) {
            gone.add(k);
        }
        long bulk;
        long oneByOne;
        PersistentMap<Long, Long> result;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            result = map.minusAll(gone);
            bulk = counter.snapshot().blocks();
        }
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            PersistentMap<Long, Long> m = map;
            for (Long k : gone) {
                m = m.minus(k);
            }
            oneByOne = counter.snapshot().blocks();
        }
        assertEquals(10_000 - gone.size(), result.size());
        // One by one, each removal copies its path: three nodes. In one transient the root and the
        // 32 second-level nodes are copied once and then edited in place; a leaf is made anew at
        // each removal from it, as a managed node's arrays have exactly its size.
        assertEquals(3L * gone.size(), oneByOne, "blocks, one removal after another");
        assertEquals(gone.size() + 1 + 32, bulk, "blocks of minusAll");
    }

    @Test
    void aFailingArgumentLeavesTheMapAsItWasAndFreesWhatTheRemovalsMade() {
        try (DebugAllocator debug = DebugAllocator.builder().leakDetection(LeakDetection.OFF).quarantineBytes(0).build();
                AllocatorScope s = CurrentAllocator.use(debug)) {
            PersistentMap<Long, Long> map = PersistentMap.empty(Codec.LONG, Codec.LONG);
            for (long k = 0; k < 1_000; k++) {
                map = map.plusLong(k, -k);
            }
            Map<Long, Long> before = new HashMap<>(map);
            long blocksBefore = debug.stats().liveBlocks();
            Iterable<Long> failsHalfway = () -> new Iterator<>() {
                long next = 0;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Long next() {
                    if (next == 500) {
                        throw new IllegalStateException("the argument failed");
                    }
                    return next++;
                }
            };
            PersistentMap<Long, Long> m = map;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.minusAll(failsHalfway));
            assertEquals("the argument failed", e.getMessage());
            assertEquals(before, map, "the map changed");
            assertEquals(blocksBefore, debug.stats().liveBlocks(), "the removals' new nodes were not freed");
            assertEquals(997, map.minusAll(List.of(0L, 1L, 2L)).size(), "the map is usable after the failure");
            debug.reset();
        }
    }
}
