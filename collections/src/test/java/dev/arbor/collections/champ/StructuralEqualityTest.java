package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Equality of maps and sets by structure ({@link ChampTrie#sameEntries}): {@code equals} must
 * answer as {@code java.util} does for every pair, the tries of equal contents must have the same
 * shape however they were built (else the structural comparison would never help), and a map
 * compared with one made from it must not read the subtrees they share.
 */
class StructuralEqualityTest {

    /** Builds the same contents in a random order, by puts, a transient, and with removals on the way. */
    private static PersistentMap<Key, Long> build(Map<Key, Long> contents, List<Key> extra, Random rnd) {
        List<Map.Entry<Key, Long>> entries = new ArrayList<>(contents.entrySet());
        Collections.shuffle(entries, rnd);
        PersistentMap<Key, Long> m = PersistentMap.empty(Codec.object(), Codec.object());
        if (rnd.nextBoolean()) {
            TransientMap<Key, Long> t = m.asTransient();
            for (Map.Entry<Key, Long> e : entries) {
                t.put(e.getKey(), e.getValue());
            }
            m = t.persistent();
        } else {
            for (Map.Entry<Key, Long> e : entries) {
                m = m.plus(e.getKey(), e.getValue());
            }
        }
        // Keys added and removed again, persistently or through a transient of a non-empty map.
        for (Key k : extra) {
            m = m.plus(k, -1L);
        }
        TransientMap<Key, Long> t = m.asTransient();
        for (Key k : extra) {
            t.remove(k);
        }
        return t.persistent();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void equalContentsHaveOneShapeAndEqualsAnswersAsJavaUtil(HashScenario scenario) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed) + scenario + ": ";
        Random rnd = new Random(seed);
        for (int round = 0; round < 12; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 3_000) + 1);
            Map<Key, Long> contents = new HashMap<>();
            while (contents.size() < size) {
                contents.put(scenario.key(rnd.nextInt(4 * size + 1)), (long) rnd.nextInt(5));
            }
            List<Key> extra = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Key k = scenario.key(4L * size + 1 + rnd.nextInt(1_000));
                if (!contents.containsKey(k)) {
                    extra.add(k);
                }
            }
            PersistentMap<Key, Long> a = build(contents, extra, rnd);
            PersistentMap<Key, Long> b = build(contents, extra, rnd);
            assertEquals(contents, a, msg + "contents");
            assertTrue(a.trie.sameEntries(a.root, a.rootAddr, b.trie, b.root, b.rootAddr, 0),
                    msg + "equal maps built two ways differ in shape (size " + size + ")");
            assertEquals(a, b, msg + "equals");
            assertEquals(b, a, msg + "equals, the other way");
            assertEquals(a.keySet(), b.keySet(), msg + "key sets");
            if (size > 0) {
                // Same size, one value changed; same size, one key swapped for another.
                Key k = contents.keySet().iterator().next();
                PersistentMap<Key, Long> otherValue = b.plus(k, contents.get(k) + 1);
                assertNotEquals(a, otherValue, msg + "a changed value");
                assertNotEquals(otherValue, a, msg + "a changed value, the other way");
                if (!extra.isEmpty()) {
                    PersistentMap<Key, Long> otherKey = b.minus(k).plus(extra.getFirst(), contents.get(k));
                    Map<Key, Long> model = new HashMap<>(contents);
                    model.remove(k);
                    model.put(extra.getFirst(), contents.get(k));
                    assertEquals(model.equals(contents), otherKey.equals(a), msg + "a swapped key");
                    assertEquals(model.equals(contents), a.equals(otherKey), msg + "a swapped key, the other way");
                }
            }
        }
    }

    @Test
    void aMapMadeFromAnotherEqualsItUnlessAnEntryDiffers() {
        // The tries share every subtree but the paths the updates copied: those are what the
        // comparison reads (EqualityBenchmark times it against maps that share nothing).
        TransientMap<Long, String> t = PersistentMap.<Long, String>empty(Codec.LONG, Codec.object()).asTransient();
        for (long i = 0; i < 20_000; i++) {
            t.put(i, "v" + i);
        }
        PersistentMap<Long, String> m = t.persistent();
        PersistentMap<Long, String> same = m.plus(-1L, "x").minus(-1L);
        assertTrue(m.trie.sameEntries(m.root, m.rootAddr, same.trie, same.root, same.rootAddr, 0));
        assertEquals(m, same);
        PersistentMap<Long, String> changed = m.plus(7L, "changed");
        assertEquals(m.size(), changed.size());
        // A key with another value, or a key replaced by another, settles it without a look at
        // the other 19,999 entries (sameUnequalCallsNoValueEqualsOutsideTheDifferingPaths counts).
        assertFalse(m.trie.sameEntries(m.root, m.rootAddr, changed.trie, changed.root, changed.rootAddr, 0));
        PersistentMap<Long, String> swapped = m.minus(7L).plus(-7L, "v7");
        assertFalse(m.trie.sameEntries(m.root, m.rootAddr, swapped.trie, swapped.root, swapped.rootAddr, 0));
        assertNotEquals(m, swapped);
        assertNotEquals(m, changed);
        assertNotEquals(changed, m);
        PersistentMap<Long, String> equalValue = m.plus(7L, new String("v7"));
        assertEquals(m, equalValue, "values compare with equals, not identity");
        PersistentSet<Long> keys = PersistentSet.empty(Codec.LONG).plusAll(m.keySet());
        assertEquals(keys, keys.plus(-1L).minus(-1L));
        assertNotEquals(keys, keys.minus(3L).plus(-3L));
    }

    @Test
    void formatsAndCodecsMayDifferAndStillBeEqual() {
        Map<Long, Long> model = new HashMap<>();
        for (long i = 0; i < 5_000; i++) {
            model.put(i * 31 + 7, i);
        }
        PersistentMap<Long, Long> managed = PersistentMap.empty(Codec.LONG, Codec.LONG).plusAll(model);
        PersistentMap<Long, Long> boxed = PersistentMap.<Long, Long>empty(Codec.object(), Codec.object()).plusAll(model);
        Set<Long> keys = new HashSet<>(model.keySet());
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<Long, Long> nativeMap;
            PersistentSet<Long> nativeSet;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                nativeMap = PersistentMap.empty(Codec.LONG, Codec.LONG).plusAll(model);
                nativeSet = PersistentSet.empty(Codec.LONG).plusAll(keys);
            }
            // Both formats share the node word layout: their tries compare by structure.
            assertTrue(managed.trie.sameEntries(managed.root, managed.rootAddr, nativeMap.trie, nativeMap.root, nativeMap.rootAddr, 0));
            assertEquals(managed, nativeMap);
            assertEquals(nativeMap, managed);
            assertEquals(boxed, managed, "other codecs: compared entry by entry");
            assertEquals(managed, boxed);
            assertEquals(model, managed);
            PersistentSet<Long> managedSet = PersistentSet.empty(Codec.LONG).plusAll(keys);
            assertEquals(managedSet, nativeSet);
            assertEquals(nativeSet, managedSet);
            assertEquals(keys, nativeSet);
            assertNotEquals(managedSet, managedSet.minus(7L).plus(-1L));
        }
    }
}
