package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.BackgroundCollector;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code PersistentSet.intersect} and {@code PersistentMap.intersectKeys} must answer as
 * {@code java.util}'s {@code retainAll}, by structure (a {@code PersistentSet} argument,
 * {@link TrieFilter}) as element by element (any other collection): the receiver's own key
 * objects and values stay, both inputs are unchanged, the result has the canonical shape, and
 * the receiver itself comes back when nothing goes. (Native root-safety: {@code
 * StructuralDifferenceTest}, for both filters.)
 */
class IntersectionTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void setIntersectAnswersAsRetainAllByStructureAndElementByElement(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 50; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 2_000) + 1);
            int kind = round % 5;
            String msg = Seeds.replay(seed) + scenario + " round " + round + " (kind " + kind + ", size " + size + "): ";
            Set<Key> leftModel = FilterCases.keys(scenario, size, rnd);
            PersistentSet<Key> left = FilterCases.setOf(leftModel);
            Set<Key> rightModel = new HashSet<>();
            PersistentSet<Key> right = FilterCases.otherSide(scenario, left, rightModel, size, kind, rnd);
            Set<Key> model = new HashSet<>(leftModel);
            model.retainAll(rightModel);
            Map<Key, Key> leftObjects = new IdentityHashMap<>();
            for (Key k : left) {
                leftObjects.put(k, k);
            }

            for (boolean byStructure : new boolean[] {true, false}) {
                String how = msg + (byStructure ? "by structure: " : "element by element: ");
                PersistentSet<Key> both = left.intersect(byStructure ? right : new HashSet<>(rightModel));

                assertEquals(model, both, how + "contents");
                assertEquals(model.size(), both.size(), how + "size");
                assertEquals(leftModel, left, how + "the set changed");
                assertEquals(rightModel, right, how + "the argument changed");
                FilterCases.assertCanonical(both, model, how);
                for (Key k : both) {
                    assertTrue(leftObjects.containsKey(k), how + "an element of the argument replaced the set's own " + k);
                }
                if (model.size() == leftModel.size()) {
                    assertSame(left, both, how + "nothing removed: the set itself");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void mapIntersectKeysAnswersAsKeySetRetainAll(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 50; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 2_000) + 1);
            String msg = Seeds.replay(seed) + scenario + " round " + round + " (size " + size + "): ";
            Map<Key, Long> before = FilterCases.entries(scenario, size, rnd);
            PersistentMap<Key, Long> map = PersistentMap.<Key, Long>of().plusAll(before);
            Set<Key> keysModel = new HashSet<>();
            int n = round % 4 == 0 ? 0 : rnd.nextInt(2 * size + 2);
            while (keysModel.size() < n) {
                keysModel.add(scenario.key(rnd.nextInt(2 * size + 2)));
            }
            if (round % 4 == 1) {
                keysModel.addAll(before.keySet());
            }
            PersistentSet<Key> keys = FilterCases.setOf(keysModel);
            Map<Key, Long> model = new HashMap<>(before);
            model.keySet().retainAll(keysModel);

            for (boolean byStructure : new boolean[] {true, false}) {
                String how = msg + (byStructure ? "by structure: " : "key by key: ");
                PersistentMap<Key, Long> both = map.intersectKeys(byStructure ? keys : new HashSet<>(keysModel));

                assertEquals(model, both, how + "contents");
                assertEquals(before, map, how + "the map changed");
                assertEquals(keysModel, keys, how + "the argument changed");
                FilterCases.assertCanonical(both, model, how);
                if (model.size() == before.size()) {
                    assertSame(map, both, how + "nothing removed: the map itself");
                }
            }
        }
    }

    @Test
    void sharedSubtreesStayAndOnlyTheChangedPathsAreBuilt() {
        PersistentSet<Long> big = PersistentSet.empty(Codec.LONG);
        for (long k = 0; k < 10_000; k++) {
            big = big.plusLong(k);
        }
        PersistentSet<Long> plusOne = big.plusLong(-7);
        PersistentSet<Long> lessOne = big.minusLong(4_321);
        PersistentSet<Long> three = PersistentSet.ofLongs(5, 5_000, -1);
        long withItself;
        long withLessOne;
        long withThree;
        PersistentSet<Long> same;
        PersistentSet<Long> backToBig;
        PersistentSet<Long> two;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            same = big.intersect(big);
            withItself = counter.snapshot().blocks();
            backToBig = plusOne.intersect(lessOne);
            withLessOne = counter.snapshot().blocks() - withItself;
            two = big.intersect(three);
            withThree = counter.snapshot().blocks() - withItself - withLessOne;
        }
        long byMinus;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            plusOne.minusLong(-7).minusLong(4_321);
            byMinus = counter.snapshot().blocks();
        }
        assertSame(big, same);
        assertEquals(0, withItself, "a set with itself builds nothing");
        assertEquals(lessOne, backToBig);
        // -7 and 4,321 go: their paths are built again, as two removals would, and nothing else.
        assertTrue(withLessOne <= byMinus, "blocks " + withLessOne + ", two minus calls " + byMinus);
        assertEquals(TrieShape.of(backToBig).nodes, TrieShape.of(lessOne).nodes);
        assertEquals(Set.of(5L, 5_000L), two);
        assertEquals(1, withThree, "a root holding 5 and 5,000: every other subtree goes unread");
    }

    @Test
    void elementByElementAsksTheCollectionAndKeepsLongCodecsUnboxedInside() {
        PersistentMap<Long, Long> map = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG)
                .plusLong(1, 10).plusLong(2, 20).plusLong(3, 30);
        // An Integer 2 is not the Long key 2, in java.util as here.
        List<Object> keys = List.of(1L, 2, "3");
        Map<Long, Long> model = new HashMap<>(map);
        model.keySet().retainAll(keys);
        assertEquals(model, map.intersectKeys(keys));
        assertEquals(Map.of(1L, 10L), map.intersectKeys(keys));
        assertTrue(map.intersectKeys(List.of()).isEmpty());
        assertSame(map, map.intersectKeys(List.of(3L, 2L, 1L, 9L)));
        PersistentSet<Long> set = PersistentSet.ofLongs(1, 2, 3);
        assertEquals(Set.of(1L), set.intersect(keys));
        assertEquals(Set.of(2L, 3L), set.intersect(PersistentSet.ofLongs(2, 3, 4)));
        assertEquals(Set.of(2L), set.intersect(PersistentSet.<Long>empty(Codec.object()).plus(2L)), "another codec");
        NullPointerException e = assertThrows(NullPointerException.class, () -> set.intersect(null));
        assertTrue(e.getMessage().contains("elements"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> map.intersectKeys(null));
        assertTrue(e.getMessage().contains("keys"), e.getMessage());
    }

    @Test
    void aMapsKeySetIsAReadOnlySetThatFiltersWalkAsATrie() {
        Map<Long, Long> model = new HashMap<>();
        PersistentMap<Long, Long> map = PersistentMap.empty(Codec.LONG, Codec.LONG);
        for (long k = 0; k < 5_000; k++) {
            map = map.plusLong(k * 13, k);
            model.put(k * 13, k);
        }
        Set<Long> keys = map.keySet();
        assertEquals(model.keySet(), keys);
        assertEquals(keys, model.keySet());
        assertEquals(model.keySet().hashCode(), keys.hashCode());
        assertTrue(keys.contains(13L * 7));
        assertFalse(keys.contains(14L));
        assertFalse(keys.contains("13"));
        assertThrows(UnsupportedOperationException.class, () -> keys.remove(13L));
        assertThrows(UnsupportedOperationException.class, () -> keys.add(1L));
        assertThrows(UnsupportedOperationException.class, keys::clear);
        var it = keys.iterator();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);

        PersistentMap<Long, Long> fewer = map.minusLong(13L * 4_000).minusLong(0).plusLong(-1, -1);
        PersistentSet<Long> someKeys = PersistentSet.<Long>empty(Codec.LONG).plusAll(List.of(13L, 26L, 99L));
        long ownKeys;
        PersistentMap<Long, Long> none;
        PersistentMap<Long, Long> all;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            none = map.minusAll(map.keySet());
            all = map.intersectKeys(map.keySet());
            ownKeys = counter.snapshot().blocks();
        }
        // Key by key, either would have made nodes: by structure the map meets its own trie.
        assertEquals(0, ownKeys, "a map with its own keys builds nothing");
        assertTrue(none.isEmpty());
        assertSame(map, all);

        Map<Long, Long> expected = new HashMap<>(model);
        expected.keySet().removeAll(fewer.keySet());
        assertEquals(expected, map.minusAll(fewer.keySet()));
        assertEquals(Map.of(0L, 0L, 52_000L, 4_000L), map.minusAll(fewer.keySet()));
        expected = new HashMap<>(model);
        expected.keySet().retainAll(fewer.keySet());
        assertEquals(expected, map.intersectKeys(fewer.keySet()));
        assertEquals(Set.of(13L, 26L), someKeys.intersect(map.keySet()));
        assertEquals(Set.of(99L), someKeys.minusAll(map.keySet()));
        TrieShape.of(map.intersectKeys(fewer.keySet()));
    }

    /**
     * The filters keep no shared state: four threads filter the same managed inputs (and, in
     * their own arenas, native copies) while a fifth forces collections, and every result
     * matches its model.
     */
    @Test
    void fourThreadsFilterSharedValuesWhileAFifthCollects() throws Exception {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        Map<Key, Long> model = FilterCases.entries(HashScenario.PARTIAL_MIDDLE, 5_000, rnd);
        PersistentMap<Key, Long> map = PersistentMap.<Key, Long>of().plusAll(model);
        try (BackgroundCollector collector = BackgroundCollector.start();
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> results = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long workerSeed = seed + w;
                results.add(pool.submit(() -> {
                    Random r = new Random(workerSeed);
                    String msg = Seeds.replay(seed) + "worker seed " + workerSeed + ": ";
                    for (int round = 0; round < 20; round++) {
                        Set<Key> keysModel = FilterCases.keys(HashScenario.PARTIAL_MIDDLE, 1 + r.nextInt(6_000), r);
                        PersistentSet<Key> keys = PersistentSet.<Key>empty(Codec.object()).plusAll(keysModel);
                        Map<Key, Long> without = new HashMap<>(model);
                        without.keySet().removeAll(keysModel);
                        Map<Key, Long> with = new HashMap<>(model);
                        with.keySet().retainAll(keysModel);
                        assertEquals(without, map.minusAll(keys), msg + "minusAll, round " + round);
                        assertEquals(with, map.intersectKeys(keys), msg + "intersectKeys, round " + round);
                        try (ArenaAllocator arena = ArenaAllocator.create(); AllocatorScope s = CurrentAllocator.use(arena)) {
                            PersistentMap<Key, Long> nativeMap = PersistentMap.<Key, Long>of().plusAll(model);
                            PersistentSet<Key> nativeKeys = PersistentSet.<Key>empty(Codec.object()).plusAll(keysModel);
                            assertEquals(without, nativeMap.minusAll(nativeKeys).copyToHeap(), msg + "native minusAll, round " + round);
                            assertEquals(with, nativeMap.intersectKeys(nativeKeys).copyToHeap(), msg + "native intersectKeys, round " + round);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        }
        assertEquals(model, map, "the shared map changed");
    }
}
