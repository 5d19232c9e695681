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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@code plusAll} between two persistent maps (sets) of one format joins their tries node by node
 * ({@link TrieUnion}): it must answer as {@code java.util}'s {@code putAll} ({@code addAll})
 * for every pair, keep the keys the map had and take the values it is given, leave both inputs
 * as they were, give the canonical shape of its contents, and share what only one side has.
 */
class StructuralUnionTest {

    private static PersistentMap<Key, Long> mapOf(Map<Key, Long> model) {
        PersistentMap<Key, Long> m = PersistentMap.empty(Codec.object(), Codec.object());
        for (Map.Entry<Key, Long> e : model.entrySet()) {
            m = m.plus(e.getKey(), e.getValue());
        }
        return m;
    }

    /** The other side: unrelated, made from the first by updates, empty, the first itself, or small. */
    private static Map<Key, Long> otherSide(HashScenario scenario, Map<Key, Long> left, int size, int kind, Random rnd) {
        Map<Key, Long> right = new HashMap<>();
        switch (kind) {
            case 0 -> {
                int n = rnd.nextInt(size + 2);
                while (right.size() < n) {
                    // Ids overlap the first map's half the time: equal keys, and fresh Key objects.
                    right.put(scenario.key(rnd.nextInt(2 * size + 2)), (long) rnd.nextInt(5));
                }
            }
            case 1 -> {
                right.putAll(left);
                for (int i = 0; i < 1 + size / 10; i++) {
                    right.put(scenario.key(rnd.nextInt(2 * size + 2)), (long) rnd.nextInt(5));
                    right.remove(scenario.key(rnd.nextInt(2 * size + 2)));
                }
            }
            case 2 -> { }
            case 3 -> right.putAll(left);
            default -> {
                for (int i = 0; i < 3; i++) {
                    right.put(scenario.key(rnd.nextInt(2 * size + 2)), (long) rnd.nextInt(5));
                }
            }
        }
        return right;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void mapUnionAnswersAsPutAllAndKeepsTheCanonicalShape(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 2_000) + 1);
            int kind = round % 5;
            String msg = Seeds.replay(seed) + scenario + " round " + round + " (kind " + kind + ", size " + size + "): ";
            Map<Key, Long> leftModel = new HashMap<>();
            while (leftModel.size() < size) {
                leftModel.put(scenario.key(rnd.nextInt(2 * size + 2)), (long) rnd.nextInt(5));
            }
            PersistentMap<Key, Long> left = mapOf(leftModel);
            Map<Key, Long> rightModel = otherSide(scenario, leftModel, size, kind, rnd);
            // Made from the left map by updates where the model was, so that the tries share nodes.
            PersistentMap<Key, Long> right = kind == 1 || kind == 3 ? left : PersistentMap.empty(Codec.object(), Codec.object());
            for (Key k : right.keySet()) {
                if (!rightModel.containsKey(k)) {
                    right = right.minus(k);
                }
            }
            for (Map.Entry<Key, Long> e : rightModel.entrySet()) {
                right = right.plus(e.getKey(), e.getValue());
            }
            Map<Key, Long> model = new HashMap<>(leftModel);
            model.putAll(rightModel);

            PersistentMap<Key, Long> union = left.plusAll(right);

            assertEquals(model, union, msg + "contents");
            assertEquals(model.size(), union.size(), msg + "size");
            assertEquals(leftModel, left, msg + "the map changed");
            assertEquals(rightModel, right, msg + "the argument changed");
            PersistentMap<Key, Long> canonical = mapOf(model);
            assertTrue(union.trie.sameEntries(union.root, union.rootAddr,
                    canonical.trie, canonical.root, canonical.rootAddr, 0), msg + "not the canonical shape");
            // java.util's putAll keeps the keys the map had: the left map's Key objects.
            Map<Key, Key> leftKeys = new HashMap<>();
            for (Key k : left.keySet()) {
                leftKeys.put(k, k);
            }
            for (Key k : union.keySet()) {
                if (leftKeys.containsKey(k)) {
                    assertSame(leftKeys.get(k), k, msg + "the key of the map was replaced");
                }
            }
            if (rightModel.isEmpty() || kind == 3) {
                assertSame(left, union, msg + "nothing to add: the map itself");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void setUnionAnswersAsAddAll(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 2_000) + 1);
            String msg = Seeds.replay(seed) + scenario + " round " + round + " (size " + size + "): ";
            Set<Key> leftModel = new HashSet<>();
            while (leftModel.size() < size) {
                leftModel.add(scenario.key(rnd.nextInt(2 * size + 2)));
            }
            PersistentSet<Key> left = PersistentSet.empty(Codec.object());
            for (Key k : leftModel) {
                left = left.plus(k);
            }
            PersistentSet<Key> right = round % 2 == 0 ? left : PersistentSet.empty(Codec.object());
            Set<Key> rightModel = new HashSet<>(round % 2 == 0 ? leftModel : Set.of());
            for (int i = 0; i < rnd.nextInt(size + 2); i++) {
                Key k = scenario.key(rnd.nextInt(3 * size + 2));
                if (rnd.nextInt(4) == 0) {
                    right = right.minus(k);
                    rightModel.remove(k);
                } else {
                    right = right.plus(k);
                    rightModel.add(k);
                }
            }
            Set<Key> model = new HashSet<>(leftModel);
            model.addAll(rightModel);

            PersistentSet<Key> union = left.plusAll(right);

            assertEquals(model, union, msg + "contents");
            assertEquals(model.size(), union.size(), msg + "size");
            assertEquals(leftModel, left, msg + "the set changed");
            assertEquals(rightModel, right, msg + "the argument changed");
            PersistentSet<Key> canonical = PersistentSet.empty(Codec.object());
            for (Key k : model) {
                canonical = canonical.plus(k);
            }
            assertTrue(union.trie.sameEntries(union.root, union.rootAddr,
                    canonical.trie, canonical.root, canonical.rootAddr, 0), msg + "not the canonical shape");
        }
    }

    @Test
    void aSubtreeOnlyTheArgumentHasIsSharedAndOnlyTheJoinedPathsAreBuilt() {
        PersistentMap<Long, Long> small = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).plusLong(1, 1);
        PersistentMap<Long, Long> large = PersistentMap.empty(Codec.LONG, Codec.LONG);
        for (long k = 100; k < 10_100; k++) {
            large = large.plusLong(k, k);
        }
        PersistentMap<Long, Long> empty = PersistentMap.empty(Codec.LONG, Codec.LONG);
        assertSame(large, empty.plusAll(large), "an empty map joined with a map is that map");
        assertSame(large, large.plusAll(large));

        long joined;
        long put;
        PersistentMap<Long, Long> union;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            union = small.plusAll(large);
            joined = counter.snapshot().blocks();
        }
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            large.plusLong(1, 1);
            put = counter.snapshot().blocks();
        }
        // The root again, and the path that takes key 1 into the large map's subtree: what putting
        // key 1 into the large map copies. Entry by entry it would be a node per new entry or so.
        assertEquals(put, joined, "blocks of the union");
        assertEquals(10_001, union.size());
        assertEquals(1L, union.getLong(1));
        int sharedChildren = 0;
        long h = union.trie.header(union.root, union.rootAddr);
        int na = ChampTrie.nodeArity(h, 0);
        int da = ChampTrie.dataArity(h, 0);
        long lh = large.trie.header(large.root, large.rootAddr);
        for (int ci = 0; ci < na; ci++) {
            Object c = union.trie.child(union.root, union.rootAddr, da, ci);
            for (int cj = 0; cj < ChampTrie.nodeArity(lh, 0); cj++) {
                if (c == large.trie.child(large.root, large.rootAddr, ChampTrie.dataArity(lh, 0), cj)) {
                    sharedChildren++;
                }
            }
        }
        assertEquals(na - 1, sharedChildren, "every subtree of the large map but the one key 1 joined is shared");

        // A map made from the large one by one update: the union is that map (same keys, its
        // values), so it takes that map's nodes and builds none; the other way round it is the
        // large map.
        PersistentMap<Long, Long> updated = large.plusLong(5_000, -1);
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            union = large.plusAll(updated);
            assertEquals(0, counter.snapshot().blocks(), "blocks of a union with a map one update away");
        }
        assertSame(updated.root, union.root);
        assertEquals(-1L, union.getLong(5_000));
        assertEquals(large.size(), union.size());
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            union = updated.plusAll(large);
            assertEquals(0, counter.snapshot().blocks(), "blocks of the union the other way round");
        }
        assertSame(large.root, union.root);
        assertEquals(5_000L, union.getLong(5_000));
        // With a key only the map has, the nodes on the updated path are copies of the map's,
        // with the argument's value: one block per node on that path, as the update itself took.
        PersistentMap<Long, Long> withExtra = large.plusLong(-5, -5);
        long extra;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            large.plusLong(-5, -5).plusLong(5_000, -1);
            extra = counter.snapshot().blocks();
        }
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            union = withExtra.plusAll(updated);
            assertTrue(counter.snapshot().blocks() <= extra, "blocks " + counter.snapshot().blocks() + " <= " + extra);
        }
        assertEquals(-1L, union.getLong(5_000));
        assertEquals(-5L, union.getLong(-5));
        assertEquals(large.size() + 1, union.size());
    }

    @Test
    void aNativeUnionKeepsEveryObjectItHoldsReachableAfterItsInputsAreGone() {
        int n = 5_000;
        List<WeakReference<Object>> values = new ArrayList<>(n + n / 10);
        try (ArenaAllocator arena = ArenaAllocator.create(); AllocatorScope s = CurrentAllocator.use(arena)) {
            PersistentMap<Object, Object> union;
            {
                TransientMap<Object, Object> t = PersistentMap.of().asTransient();
                for (int i = 0; i < n; i++) {
                    Object v = new StringBuilder("value ").append(i);
                    values.add(new WeakReference<>(v));
                    t.put("key " + i, v);
                }
                PersistentMap<Object, Object> left = t.persistent();
                // Made from the left map: new values for a tenth of the keys, a tenth of new keys.
                PersistentMap<Object, Object> right = left.plus("only here", "x").minus("only here");
                for (int i = 0; i < n / 10; i++) {
                    Object v = new StringBuilder("new value ").append(i * 10);
                    values.set(i * 10, new WeakReference<>(v));
                    right = right.plus("key " + i * 10, v);
                    Object extra = new StringBuilder("extra ").append(i);
                    values.add(new WeakReference<>(extra));
                    right = right.plus("extra key " + i, extra);
                }
                union = left.plusAll(right);
            }
            // Only the union's native nodes refer to the values now.
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            assertEquals(n + n / 10, union.size());
            for (int i = 0; i < n; i++) {
                Object v = values.get(i).get();
                assertNotNull(v, "value of key " + i + " collected while the union refers to it");
                assertSame(v, union.get("key " + i));
                assertEquals((i % 10 == 0 ? "new value " : "value ") + i, v.toString());
            }
            for (int i = 0; i < n / 10; i++) {
                assertSame(values.get(n + i).get(), union.get("extra key " + i));
            }
        }
    }

    /** A key that counts the calls of its {@code hashCode}: adding entry by entry hashes every key, a union by structure none. */
    private record HashCounted(long id) {
        static int hashCalls;

        @Override
        public int hashCode() {
            hashCalls++;
            return Long.hashCode(id * 0x9E3779B97F4A7C15L);
        }
    }

    private static Map<HashCounted, Long> entries(long from, long to) {
        Map<HashCounted, Long> m = new HashMap<>();
        for (long i = from; i < to; i++) {
            m.put(new HashCounted(i), i * 3);
        }
        return m;
    }

    @Test
    void valuesOfOneMemoryJoinByStructureWhateverTheirLineageOrFormat() {
        Map<HashCounted, Long> baseModel = entries(0, 3_000);
        PersistentMap<HashCounted, Long> base = PersistentMap.<HashCounted, Long>of().plusAll(baseModel);
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<HashCounted, Long> left;
            PersistentMap<HashCounted, Long> right;
            PersistentMap<HashCounted, Long> nativeA;
            PersistentMap<HashCounted, Long> nativeB;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                // Two lineages made from one managed map: each shares its managed subtrees.
                left = base.plus(new HashCounted(-1), -1L);
                right = base.plus(new HashCounted(-2), -2L).minus(new HashCounted(5));
                // Two lineages built apart in the arena: no managed node in either.
                nativeA = PersistentMap.<HashCounted, Long>of().plusAll(entries(0, 2_000));
                nativeB = PersistentMap.<HashCounted, Long>of().plusAll(entries(1_000, 4_000));
            }
            assertTrue(left.trie != right.trie && nativeA.trie != nativeB.trie, "four lineages");
            Map<HashCounted, Long> expected = new HashMap<>(baseModel);
            expected.put(new HashCounted(-1), -1L);
            expected.put(new HashCounted(-2), -2L);
            Map<HashCounted, Long> nativeModel = entries(0, 4_000);
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                HashCounted.hashCalls = 0;
                PersistentMap<HashCounted, Long> mixed = left.plusAll(right);
                PersistentMap<HashCounted, Long> apart = nativeA.plusAll(nativeB);
                PersistentMap<HashCounted, Long> managedWithNative = base.plusAll(nativeB);
                PersistentMap<HashCounted, Long> nativeWithManaged = nativeA.plusAll(base);
                assertEquals(0, HashCounted.hashCalls, "keys hashed: the unions went entry by entry");
                assertEquals(expected, mixed);
                assertEquals(nativeModel, apart);
                Map<HashCounted, Long> both = new HashMap<>(baseModel);
                both.putAll(entries(1_000, 4_000));
                assertEquals(both, managedWithNative);
                Map<HashCounted, Long> other = new HashMap<>(entries(0, 2_000));
                other.putAll(baseModel);
                assertEquals(other, nativeWithManaged);
                for (PersistentMap<HashCounted, Long> union : List.of(mixed, apart, managedWithNative, nativeWithManaged)) {
                    assertTrue(union.trie instanceof NativeChampTrie, "a union made under the arena is native");
                    PersistentMap<HashCounted, Long> copy = union.copyToHeap();
                    TrieShape.of(copy);
                    PersistentMap<HashCounted, Long> canonical = PersistentMap.<HashCounted, Long>of().plusAll(new HashMap<>(union));
                    assertTrue(copy.trie.sameEntries(copy.root, copy.rootAddr, canonical.trie, canonical.root, canonical.rootAddr, 0),
                            "not the canonical shape");
                }
                // Sets: the same rules.
                PersistentSet<HashCounted> keysA = PersistentSet.<HashCounted>of().plusAll(entries(0, 2_000).keySet());
                PersistentSet<HashCounted> keysB = PersistentSet.<HashCounted>of().plusAll(entries(1_000, 4_000).keySet());
                PersistentSet<HashCounted> managedKeys = PersistentSet.copyOf(baseModel.keySet()).copyToHeap();
                HashCounted.hashCalls = 0;
                PersistentSet<HashCounted> keyUnion = keysA.plusAll(keysB);
                PersistentSet<HashCounted> keyUnionManaged = keysB.plusAll(managedKeys);
                assertEquals(0, HashCounted.hashCalls, "keys hashed: the set unions went element by element");
                assertEquals(nativeModel.keySet(), keyUnion);
                assertEquals(both.keySet(), keyUnionManaged);
            }
            // Outside the arena a managed value cannot hold native nodes: entry by entry, managed.
            HashCounted.hashCalls = 0;
            PersistentMap<HashCounted, Long> managed = base.plusAll(nativeB);
            assertTrue(HashCounted.hashCalls >= 3_000, "entry by entry");
            assertTrue(managed.trie instanceof ManagedChampTrie);
            assertEquals(entries(0, 4_000), managed);
        }
    }

    @Test
    void aNativeUnionKeepsTheManagedSubtreesItJoinedReachable() {
        int n = 4_000;
        List<WeakReference<Object>> values = new ArrayList<>(n);
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<Object, Object> union;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                PersistentMap<Object, Object> nativeMap = PersistentMap.of().plus("native key", "native value");
                union = nativeMap.plusAll(managedMapOf(n, values));
            }
            // The managed map is gone: only the union's native nodes refer to its subtrees.
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            assertEquals(n + 1, union.size());
            assertEquals("native value", union.get("native key"));
            for (int i = 0; i < n; i++) {
                Object v = values.get(i).get();
                assertNotNull(v, "value " + i + " collected while the union refers to it");
                assertSame(v, union.get("key " + i));
            }
        }
    }

    private static PersistentMap<Object, Object> managedMapOf(int n, List<WeakReference<Object>> values) {
        try (AllocatorScope managed = CurrentAllocator.useDefault()) {
            TransientMap<Object, Object> t = PersistentMap.of().asTransient();
            for (int i = 0; i < n; i++) {
                Object v = new StringBuilder("value ").append(i);
                values.add(new WeakReference<>(v));
                t.put("key " + i, v);
            }
            PersistentMap<Object, Object> m = t.persistent();
            assertTrue(m.trie instanceof ManagedChampTrie);
            return m;
        }
    }

    @Test
    void otherCodecsOrFormatsAreAddedEntryByEntry() {
        Map<Long, Long> model = new HashMap<>();
        for (long k = 0; k < 3_000; k++) {
            model.put(k * 7, k);
        }
        PersistentMap<Long, Long> longs = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).plusLong(-1, -1);
        PersistentMap<Long, Long> boxed = PersistentMap.<Long, Long>empty(Codec.object(), Codec.object()).plusAll(model);
        Map<Long, Long> expected = new HashMap<>(model);
        expected.put(-1L, -1L);
        assertEquals(expected, longs.plusAll(boxed));
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<Long, Long> nativeMap;
            PersistentSet<Long> nativeSet;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                nativeMap = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).plusAll(model);
                nativeSet = PersistentSet.empty(Codec.LONG).plusAll(model.keySet());
                // Native maps of one chain of updates join by structure under their allocator.
                PersistentMap<Long, Long> more = nativeMap.plusLong(-2, -2).minusLong(0);
                Map<Long, Long> both = new HashMap<>(model);
                both.put(-2L, -2L);
                assertEquals(both, nativeMap.plusAll(more));
                PersistentSet<Long> moreKeys = nativeSet.plusLong(-2).minusLong(0);
                Set<Long> keys = new HashSet<>(model.keySet());
                keys.add(-2L);
                assertEquals(keys, nativeSet.plusAll(moreKeys));
            }
            // A managed map joined with a native one outside the arena: entry by entry, still managed.
            PersistentMap<Long, Long> managedUnion = longs.plusAll(nativeMap);
            assertEquals(expected, managedUnion);
            assertTrue(managedUnion.trie instanceof ManagedChampTrie, "the union of a managed map stays managed");
            Set<Long> keys = new HashSet<>(model.keySet());
            keys.add(-1L);
            assertEquals(keys, PersistentSet.empty(Codec.LONG).plusLong(-1).plusAll(nativeSet));
        }
    }
}
