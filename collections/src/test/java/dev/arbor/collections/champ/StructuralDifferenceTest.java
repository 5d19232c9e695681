package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import dev.arbor.collections.testing.Seeds;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code minusAll} given a {@code PersistentSet} with the same (key) codec walks both tries place
 * by place ({@link TrieFilter}): it must answer as {@code java.util}'s {@code removeAll} for
 * every pair, leave both inputs as they were, give the canonical shape of what is left (checked
 * by {@link TrieShape}'s invariants and against a trie built from the model), return the receiver
 * itself when nothing goes, and build only the nodes on the paths where keys went.
 */
class StructuralDifferenceTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void setMinusSetAnswersAsRemoveAllAndKeepsTheCanonicalShape(HashScenario scenario) {
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
            model.removeAll(rightModel);

            PersistentSet<Key> difference = left.minusAll(right);

            assertEquals(model, difference, msg + "contents");
            assertEquals(model.size(), difference.size(), msg + "size");
            assertEquals(leftModel, left, msg + "the set changed");
            assertEquals(rightModel, right, msg + "the argument changed");
            FilterCases.assertCanonical(difference, model, msg);
            if (model.size() == leftModel.size()) {
                assertSame(left, difference, msg + "nothing removed: the set itself");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void mapMinusASetOfKeysAnswersAsRemoveAll(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 50; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 2_000) + 1);
            String msg = Seeds.replay(seed) + scenario + " round " + round + " (size " + size + "): ";
            Map<Key, Long> before = FilterCases.entries(scenario, size, rnd);
            PersistentMap<Key, Long> map = PersistentMap.<Key, Long>of().plusAll(before);
            // A set of keys: a set node never is a map node, so nothing is shared, but places are.
            Set<Key> keysModel = new HashSet<>();
            int n = round % 4 == 0 ? size : rnd.nextInt(2 * size + 2);
            while (keysModel.size() < n) {
                keysModel.add(round % 4 == 0 ? new ArrayList<>(before.keySet()).get(keysModel.size())
                        : scenario.key(rnd.nextInt(2 * size + 2)));
            }
            PersistentSet<Key> keys = FilterCases.setOf(keysModel);
            Map<Key, Long> model = new HashMap<>(before);
            model.keySet().removeAll(keysModel);

            PersistentMap<Key, Long> difference = map.minusAll(keys);

            assertEquals(model, difference, msg + "contents");
            assertEquals(before, map, msg + "the map changed");
            assertEquals(keysModel, keys, msg + "the argument changed");
            FilterCases.assertCanonical(difference, model, msg);
            if (model.size() == before.size()) {
                assertSame(map, difference, msg + "nothing removed: the map itself");
            }
        }
    }

    @Test
    void sharedSubtreesGoWithoutBeingCopiedAndOnlyTheChangedPathsAreBuilt() {
        PersistentSet<Long> big = PersistentSet.empty(Codec.LONG);
        for (long k = 0; k < 10_000; k++) {
            big = big.plusLong(k);
        }
        PersistentSet<Long> plusOne = big.plusLong(-7);
        PersistentSet<Long> lessSome = big;
        Set<Long> removedFromBig = new HashSet<>();
        for (long k = 0; k < 10_000; k += 97) {
            lessSome = lessSome.minusLong(k);
            removedFromBig.add(k);
        }
        PersistentSet<Long> absent = PersistentSet.ofLongs(-1, 10_000);
        long blocks;
        PersistentSet<Long> none;
        PersistentSet<Long> one;
        PersistentSet<Long> some;
        PersistentSet<Long> unchanged;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            none = big.minusAll(big);
            unchanged = big.minusAll(absent);
            assertEquals(0, counter.snapshot().blocks(), "a set without itself, or without keys it lacks, builds nothing");
            one = plusOne.minusAll(big);
            assertEquals(1, counter.snapshot().blocks(), "only the root holding -7");
            some = big.minusAll(lessSome);
            blocks = counter.snapshot().blocks() - 1;
        }
        assertTrue(none.isEmpty());
        assertSame(PersistentSet.empty(Codec.LONG).root, none.root, "the shared empty node");
        assertSame(big, unchanged);
        assertEquals(Set.of(-7L), one);
        assertEquals(removedFromBig, some);
        // What is left shares nothing with either input: every node of its trie is new, and no other.
        assertEquals(TrieShape.of(some).nodes, blocks, "blocks of the difference");

        // Removing a few keys copies their paths and shares every other subtree of the set.
        PersistentSet<Long> few = PersistentSet.ofLongs(5, 5_000);
        PersistentSet<Long> withoutFew;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            withoutFew = big.minusAll(few);
            blocks = counter.snapshot().blocks();
        }
        long byMinus;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            big.minusLong(5).minusLong(5_000);
            byMinus = counter.snapshot().blocks();
        }
        assertEquals(10_000 - 2, withoutFew.size());
        assertTrue(blocks <= byMinus, "blocks " + blocks + ", two minus calls " + byMinus);
        long h = big.trie.header(big.root, big.rootAddr);
        int da = ChampTrie.dataArity(h, 0);
        int shared = 0;
        for (int ci = 0; ci < ChampTrie.nodeArity(h, 0); ci++) {
            if (big.trie.child(big.root, big.rootAddr, da, ci) == withoutFew.trie.child(withoutFew.root, withoutFew.rootAddr, da, ci)) {
                shared++;
            }
        }
        assertEquals(ChampTrie.nodeArity(h, 0) - 2, shared, "root children shared with the set");
    }

    /** Also for {@code intersectKeys}: the two filters share their walk ({@link TrieFilter}). */
    @ParameterizedTest(name = "intersect {0}")
    @ValueSource(booleans = {false, true})
    void aNativeFilterKeepsTheValuesItHoldsReachableAfterItsInputsAreGone(boolean intersect) {
        int n = 5_000;
        List<WeakReference<Object>> values = new ArrayList<>(n);
        try (ArenaAllocator arena = ArenaAllocator.create(); AllocatorScope s = CurrentAllocator.use(arena)) {
            PersistentMap<Object, Object> result;
            {
                TransientMap<Object, Object> t = PersistentMap.of().asTransient();
                for (int i = 0; i < n; i++) {
                    Object v = new StringBuilder("value ").append(i);
                    values.add(new WeakReference<>(v));
                    t.put("key " + i, v);
                }
                PersistentMap<Object, Object> map = t.persistent();
                PersistentSet<Object> every3rd = PersistentSet.empty(Codec.object());
                for (int i = 0; i < n; i += 3) {
                    every3rd = every3rd.plus("key " + i);
                }
                result = intersect ? map.intersectKeys(every3rd) : map.minusAll(every3rd);
            }
            // Only the result's native nodes refer to the values now.
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            assertEquals(intersect ? (n + 2) / 3 : n - (n + 2) / 3, result.size());
            for (int i = 0; i < n; i++) {
                if ((i % 3 == 0) != intersect) {
                    assertTrue(!result.containsKey("key " + i), "key " + i + " should be gone");
                    continue;
                }
                Object v = values.get(i).get();
                assertNotNull(v, "value of key " + i + " collected while the result refers to it");
                assertSame(v, result.get("key " + i));
            }
        }
    }

    /**
     * A native map made from a managed one shares the managed map's subtrees (mixed nodes): the
     * filters keep some of those, drop others, and build native nodes over managed children.
     */
    @ParameterizedTest(name = "intersect {0}")
    @ValueSource(booleans = {false, true})
    void aNativeMapOverManagedSubtreesFiltersByStructure(boolean intersect) {
        int n = 3_000;
        Map<Object, Object> model = new HashMap<>();
        PersistentMap<Object, Object> managed = PersistentMap.of();
        for (int i = 0; i < n; i++) {
            Object v = new StringBuilder("value ").append(i);
            managed = managed.plus("key " + i, v);
            model.put("key " + i, v);
        }
        try (ArenaAllocator arena = ArenaAllocator.create(); AllocatorScope s = CurrentAllocator.use(arena)) {
            PersistentMap<Object, Object> mixed = managed.plus("native key", "native value").minus("key 0");
            model.put("native key", "native value");
            model.remove("key 0");
            PersistentSet<Object> keys = PersistentSet.empty(Codec.object());
            for (int i = 0; i < n; i += 7) {
                keys = keys.plus("key " + i);
            }
            keys = keys.plus("native key");
            Map<Object, Object> expected = new HashMap<>(model);
            if (intersect) {
                expected.keySet().retainAll(keys);
            } else {
                expected.keySet().removeAll(keys);
            }
            PersistentMap<Object, Object> result = intersect ? mixed.intersectKeys(keys) : mixed.minusAll(keys);
            managed = null;
            mixed = null;
            keys = null;
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            assertEquals(expected, result);
            for (Map.Entry<Object, Object> e : expected.entrySet()) {
                assertSame(e.getValue(), result.get(e.getKey()), "the value of " + e.getKey());
            }
        }
    }

    @Test
    void otherCodecsOrFormatsAreRemovedKeyByKey() {
        PersistentSet<Long> longs = PersistentSet.ofLongs(1, 2, 3);
        PersistentSet<Long> boxed = PersistentSet.<Long>empty(Codec.object()).plus(2L).plus(9L);
        assertEquals(Set.of(1L, 3L), longs.minusAll(boxed));
        assertEquals(Set.of(9L), boxed.minusAll(longs));
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentSet<Long> nativeSet;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                nativeSet = PersistentSet.ofLongs(2, 3, 4);
                // A managed set under a native allocator makes native nodes: removed key by key.
                assertEquals(Set.of(1L), longs.minusAll(nativeSet));
                assertEquals(Set.of(4L), nativeSet.minusAll(longs));
            }
            // Outside its allocator a native set still reads, and a managed set removes by structure.
            assertEquals(Set.of(1L), longs.minusAll(nativeSet));
        }
    }
}
