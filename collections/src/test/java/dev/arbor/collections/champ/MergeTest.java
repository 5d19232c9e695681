package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Merging a value in at a key, persistent ({@code plus(k, v, merge)}, {@code plusLong(k, v, merge)})
 * and transient ({@code put(k, v, merge)}, {@code putLong(k, v, merge)}): each step answers as
 * {@link HashMap#merge} does (a {@code null} merge removes, a key mapped to {@code null} takes
 * the value), every intermediate persistent map keeps its contents, and in every hash scenario.
 */
class MergeTest {
    /** Sums, drops the key when the sum is a multiple of 5, or keeps the old value. */
    private static final BiFunction<Integer, Integer, Integer> MERGE =
            (old, v) -> (old + v) % 5 == 0 ? null : (old + v) % 7 == 0 ? old : old + v;

    @Test
    void persistentAndTransientMergesAnswerAsHashMapInEveryHashScenario() {
        long seed = Seeds.seed();
        for (HashScenario scenario : HashScenario.values()) {
            Random rnd = new Random(seed);
            int keys = Math.min(scenario.maxSize, 600);
            Map<Key, Integer> model = new HashMap<>();
            PersistentMap<Key, Integer> m = PersistentMap.empty(Codec.object(), Codec.INT);
            TransientMap<Key, Integer> t = PersistentMap.<Key, Integer>empty(Codec.object(), Codec.INT).asTransient();
            List<PersistentMap<Key, Integer>> kept = new ArrayList<>();
            List<Map<Key, Integer>> keptModels = new ArrayList<>();
            for (int step = 0; step < 4_000; step++) {
                Key k = scenario.key(rnd.nextInt(keys));
                int v = 1 + rnd.nextInt(9);
                model.merge(k, v, MERGE);
                m = m.plus(k, v, MERGE);
                t.put(k, v, MERGE);
                if (step % 500 == 0) {
                    kept.add(m);
                    keptModels.add(new HashMap<>(model));
                }
            }
            String at = Seeds.replay(seed) + scenario;
            assertEquals(model, m, at);
            assertEquals(model, t.persistent(), at + " transient");
            for (int i = 0; i < kept.size(); i++) {
                assertEquals(keptModels.get(i), kept.get(i), at + " kept value " + i);
            }
        }
    }

    @Test
    void unboxedMergesCountAsHashMapMergeDoes() {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        Map<Long, Long> model = new HashMap<>();
        Map<Long, Long> maxModel = new HashMap<>();
        PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG);
        TransientMap<Long, Long> t = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).asTransient();
        for (int step = 0; step < 20_000; step++) {
            long k = rnd.nextInt(3_000);
            long v = rnd.nextInt(100) - 50;
            model.merge(k, v, Long::sum);
            m = m.plusLong(k, v, Long::sum);
            maxModel.merge(k, v, Math::max);
            t.putLong(k, v, Math::max);
        }
        assertEquals(model, m, Seeds.replay(seed));
        assertEquals(maxModel, t.persistent(), Seeds.replay(seed));
        assertThrows(UnsupportedOperationException.class,
                () -> PersistentMap.<Long, Integer>empty(Codec.LONG, Codec.INT).plusLong(1, 1, Long::sum));
    }

    @Test
    void nullValuesTakeTheMergedValueAndNothingChangedIsTheSameMap() {
        PersistentMap<String, String> m = PersistentMap.<String, String>of().plus("a", null).plus("b", "x");
        Map<String, String> model = new HashMap<>(m);
        BiFunction<String, String, String> concat = (a, b) -> a + b;
        assertEquals(model.merge("a", "y", concat), m.plus("a", "y", concat).get("a"));
        assertEquals("xy", m.plus("b", "y", concat).get("b"));
        assertSame(m, m.plus("b", "y", (a, b) -> a), "an unchanged value returns the map itself");
        assertEquals(Map.of("a", "y"), PersistentMap.of("a", "y").plus("b", "z", concat).plus("b", "q", (a, b) -> null));
        assertThrows(NullPointerException.class, () -> m.plus("a", null, concat));
        assertThrows(NullPointerException.class, () -> m.plus("a", "y", null));
    }

    @Test
    void aFailingMergeLeavesTheTransientAsItWas() {
        TransientMap<Long, Long> t = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).asTransient();
        t.putLong(1, 10).putLong(2, 20);
        assertThrows(ArithmeticException.class, () -> t.putLong(1, 0, (a, b) -> a / b));
        assertEquals(Map.of(1L, 10L, 2L, 20L), t.persistent());
    }

    @Test
    void aMergeThatClosesTheArenaOfANativeMapIsRefused() {
        ArenaAllocator arena = ArenaAllocator.create();
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            PersistentMap<Long, Long> m = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).plusLong(1, 1).plusLong(2, 2);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.plusLong(1, 5, (a, b) -> {
                arena.close();
                return a + b;
            }));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void aPersistentMergeFindsTheKeyOnceAndCallsTheMergeOnce() {
        PersistentMap<StoredHashTest.CountingKey, Long> m = PersistentMap.empty(Codec.<StoredHashTest.CountingKey>object(), Codec.LONG);
        for (int i = 0; i < 2_000; i++) {
            m = m.plus(new StoredHashTest.CountingKey(i), (long) i);
        }
        int[] merges = {0};
        BiFunction<Long, Long, Long> sum = (a, b) -> {
            merges[0]++;
            return a + b;
        };
        for (int i = 0; i < 2_000; i += 7) {
            StoredHashTest.CountingKey.equalsCalls = 0;
            StoredHashTest.CountingKey.hashCodeCalls = 0;
            merges[0] = 0;
            m = m.plus(new StoredHashTest.CountingKey(i), 1L, sum);
            assertEquals(1, StoredHashTest.CountingKey.hashCodeCalls, "key " + i + ": hashed once");
            assertEquals(1, StoredHashTest.CountingKey.equalsCalls, "key " + i + ": one descent compares the key once");
            assertEquals(1, merges[0], "key " + i);
            assertEquals(i + 1L, m.get(new StoredHashTest.CountingKey(i)));
        }
        merges[0] = 0;
        m = m.plus(new StoredHashTest.CountingKey(-1), 5L, sum);
        assertEquals(0, merges[0], "an absent key takes the value unmerged");
        assertEquals(5L, m.get(new StoredHashTest.CountingKey(-1)));
    }

    @Test
    void aFailingPersistentMergeLeavesTheMapAndTheArenaAsTheyWere() {
        PersistentMap<Long, Long> managed = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).plusLong(1, 10).plusLong(2, 20);
        assertThrows(ArithmeticException.class, () -> managed.plusLong(1, 0, (a, b) -> a / b));
        assertThrows(ArithmeticException.class, () -> managed.plus(2L, 0L, (a, b) -> a / b));
        assertEquals(Map.of(1L, 10L, 2L, 20L), managed);
        try (ArenaAllocator arena = ArenaAllocator.create();
             AllocatorScope s = CurrentAllocator.use(arena)) {
            PersistentMap<Long, Long> m = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG);
            for (long k = 0; k < 5_000; k++) {
                m = m.plusLong(k, k);
            }
            PersistentMap<Long, Long> full = m;
            long live = arena.stats().liveBlocks();
            for (long k = 0; k < 5_000; k += 101) {
                long key = k;
                assertThrows(ArithmeticException.class, () -> full.plusLong(key, 0, (a, b) -> a / b));
                assertEquals(live, arena.stats().liveBlocks(), "key " + k + ": the failed merge allocated nothing");
                assertEquals(key, full.getLong(key));
            }
            // A merge to null removes the key; to the same value returns the map itself.
            PersistentMap<Long, String> strings = PersistentMap.<Long, String>empty(Codec.LONG, Codec.object()).plus(1L, "a").plus(2L, "b");
            assertEquals(Map.of(2L, "b"), strings.plus(1L, "x", (a, b) -> null));
            assertSame(strings, strings.plus(2L, "x", (a, b) -> a));
        }
    }

    @Test
    void aTransientMergeIntoANodeItOwnsComparesTheKeyOnce() {
        TransientMap<StoredHashTest.CountingKey, Long> t =
                PersistentMap.empty(Codec.<StoredHashTest.CountingKey>object(), Codec.LONG).asTransient();
        for (int i = 0; i < 2_000; i++) {
            t.put(new StoredHashTest.CountingKey(i), (long) i);
        }
        // The first merge builds the buffered puts: every node is then this transient's own.
        t.put(new StoredHashTest.CountingKey(0), 1L, Long::sum);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 2_000; i += 7) {
                StoredHashTest.CountingKey.equalsCalls = 0;
                t.put(new StoredHashTest.CountingKey(i), 1L, Long::sum);
                assertEquals(1, StoredHashTest.CountingKey.equalsCalls, "key " + i + ": one descent compares the key once");
            }
        }
        // A transient made from a persistent map owns no node yet: its first merge of a key copies the path.
        PersistentMap<StoredHashTest.CountingKey, Long> m = t.persistent();
        TransientMap<StoredHashTest.CountingKey, Long> again = m.asTransient();
        again.put(new StoredHashTest.CountingKey(7), 100L, Long::sum);
        again.put(new StoredHashTest.CountingKey(7), 100L, Long::sum);
        assertEquals(7L + 2 + 200, again.persistent().get(new StoredHashTest.CountingKey(7)));
        assertEquals(7L + 2, m.get(new StoredHashTest.CountingKey(7)), "the persistent map is untouched");
    }

    @Test
    void aMergeThatEditsTheTransientItMergesIntoLosesNoEdit() {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        TransientMap<Long, Long> unboxed = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).asTransient();
        TransientMap<Long, Long> boxed = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.object()).asTransient();
        Map<Long, Long> model = new HashMap<>();
        for (long k = 0; k < 300; k++) {
            unboxed.putLong(k, k);
            boxed.put(k, k);
            model.put(k, k);
        }
        for (int step = 0; step < 3_000; step++) {
            long key = rnd.nextInt(300);
            long other = 300 + rnd.nextInt(3_000);
            boolean removeKey = rnd.nextBoolean();
            long add = step;
            // The merge removes the key it merges into, or adds another key: either may replace
            // the node the key was found in, and the merged value must still land.
            unboxed.putLong(key, add, (a, b) -> {
                if (removeKey) {
                    unboxed.removeLong(key);
                } else {
                    unboxed.putLong(other, other);
                }
                return a + b;
            });
            boxed.put(key, add, (a, b) -> {
                if (removeKey) {
                    boxed.remove(key);
                } else {
                    boxed.put(other, other);
                }
                return a + b;
            });
            if (!removeKey) {
                model.put(other, other);
            }
            model.merge(key, add, Long::sum);
        }
        assertEquals(model, unboxed.persistent(), Seeds.replay(seed) + " putLong");
        assertEquals(model, boxed.persistent(), Seeds.replay(seed) + " put");
    }

    @Test
    void aNativeTransientMergesInPlaceAndAllocatesNothing() {
        try (ArenaAllocator arena = ArenaAllocator.create();
             AllocatorScope s = CurrentAllocator.use(arena)) {
            TransientMap<Long, Long> t = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).asTransient();
            for (long k = 0; k < 5_000; k++) {
                t.putLong(k, k);
            }
            t.putLong(0, 0, Long::sum);
            long live = arena.stats().liveBlocks();
            for (long k = 0; k < 5_000; k++) {
                t.putLong(k, 1, Long::sum);
            }
            assertEquals(live, arena.stats().liveBlocks(), "merges into owned nodes allocate nothing");
            PersistentMap<Long, Long> m = t.persistent();
            for (long k = 0; k < 5_000; k++) {
                assertEquals(k + 1, m.getLong(k));
            }
        }
    }
}
