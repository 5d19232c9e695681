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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code equals} between two persistent maps (sets) with the same codecs answers from their
 * structure alone, {@code false} included, which is right only if every way of making a map gives
 * the one canonical trie of its contents. So every way there is (puts in any order, a transient,
 * a bulk copy, the collector, union, difference and intersection by structure and key by key,
 * removals, the native format and copies out of it) builds the same contents here, and every pair
 * must be equal, with equal hash codes; and every one of them with one key replaced by another, or
 * one value changed, must be unequal to every other.
 */
class EqualityAcrossBuildsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void mapsOfOneContentAreEqualHoweverBuiltAndOneKeyOrValueMakesThemUnequal(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 6; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 2_000) + 1);
            String msg = Seeds.replay(seed) + scenario + ", round " + round + ", size " + size + ": ";
            Map<Key, Long> model = FilterCases.entries(scenario, size, rnd);
            Map<Key, Long> extra = new HashMap<>();
            while (extra.size() < size / 8 + 3) {
                Key k = scenario.key(10L * size + 10 + rnd.nextInt(1_000));
                extra.put(k, (long) rnd.nextInt(5));
            }
            try (ArenaAllocator arena = ArenaAllocator.create()) {
                List<Built<PersistentMap<Key, Long>>> maps = mapBuilds(model, extra, rnd, arena);
                for (Built<PersistentMap<Key, Long>> a : maps) {
                    assertEquals(model, a.value, msg + a.how + ": contents");
                    TrieShape.of(a.value.copyToHeap());
                }
                for (Built<PersistentMap<Key, Long>> a : maps) {
                    for (Built<PersistentMap<Key, Long>> b : maps) {
                        assertTrue(a.value.equals(b.value), msg + a.how + " equals " + b.how);
                    }
                    assertEquals(model.hashCode(), a.value.hashCode(), msg + a.how + ": hashCode");
                }
                if (size == 0) {
                    continue;
                }
                Key replaced = List.copyOf(model.keySet()).get(rnd.nextInt(size));
                Key newcomer = List.copyOf(extra.keySet()).getFirst();
                for (Built<PersistentMap<Key, Long>> a : maps) {
                    PersistentMap<Key, Long> otherKey = update(a, arena, m -> m.minus(replaced).plus(newcomer, model.get(replaced)));
                    PersistentMap<Key, Long> otherValue = update(a, arena, m -> m.plus(replaced, model.get(replaced) + 1));
                    for (Built<PersistentMap<Key, Long>> b : maps) {
                        assertFalse(otherKey.equals(b.value), msg + a.how + " with a key replaced equals " + b.how);
                        assertFalse(b.value.equals(otherKey), msg + b.how + " equals " + a.how + " with a key replaced");
                        assertFalse(otherValue.equals(b.value), msg + a.how + " with a value changed equals " + b.how);
                        assertFalse(b.value.equals(otherValue), msg + b.how + " equals " + a.how + " with a value changed");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void setsOfOneContentAreEqualHoweverBuiltAndOneElementMakesThemUnequal(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 6; round++) {
            int size = rnd.nextInt(Math.min(scenario.maxSize, 2_000) + 1);
            String msg = Seeds.replay(seed) + scenario + ", round " + round + ", size " + size + ": ";
            Set<Key> model = FilterCases.keys(scenario, size, rnd);
            Set<Key> extra = new HashSet<>();
            while (extra.size() < size / 8 + 3) {
                extra.add(scenario.key(10L * size + 10 + rnd.nextInt(1_000)));
            }
            try (ArenaAllocator arena = ArenaAllocator.create()) {
                List<Built<PersistentSet<Key>>> sets = setBuilds(model, extra, rnd, arena);
                for (Built<PersistentSet<Key>> a : sets) {
                    assertEquals(model, a.value, msg + a.how + ": contents");
                    TrieShape.of(a.value.copyToHeap());
                    for (Built<PersistentSet<Key>> b : sets) {
                        assertTrue(a.value.equals(b.value), msg + a.how + " equals " + b.how);
                    }
                    assertEquals(model.hashCode(), a.value.hashCode(), msg + a.how + ": hashCode");
                }
                if (size == 0) {
                    continue;
                }
                Key replaced = List.copyOf(model).get(rnd.nextInt(size));
                Key newcomer = extra.iterator().next();
                for (Built<PersistentSet<Key>> a : sets) {
                    PersistentSet<Key> other = update(a, arena, set -> set.minus(replaced).plus(newcomer));
                    for (Built<PersistentSet<Key>> b : sets) {
                        assertFalse(other.equals(b.value), msg + a.how + " with an element replaced equals " + b.how);
                        assertFalse(b.value.equals(other), msg + b.how + " equals " + a.how + " with an element replaced");
                    }
                }
            }
        }
    }

    @Test
    void anUnequalMapIsToldWithoutComparingTheEntriesItShares() {
        // Values count their equals calls: a comparison entry by entry (what equals did when the
        // keys differed somewhere) calls it for about every entry before it finds the difference.
        PersistentMap<Long, Counted> m = PersistentMap.<Long, Counted>empty(Codec.LONG, Codec.object());
        TransientMap<Long, Counted> t = m.asTransient();
        for (long i = 0; i < 20_000; i++) {
            t.put(i, new Counted(i));
        }
        m = t.persistent();
        PersistentMap<Long, Counted> swapped = m.minus(7L).plus(-7L, new Counted(7));
        PersistentMap<Long, Counted> swappedFar = m.minus(19_999L).plus(-19_999L, new Counted(19_999));
        Counted.calls = 0;
        assertNotEquals(m, swapped);
        assertNotEquals(swappedFar, m);
        assertNotEquals(swapped, swappedFar);
        // Only entries in nodes on the copied paths are compared: a handful per level.
        assertTrue(Counted.calls < 100, Counted.calls + " value comparisons");
        Map<Long, Counted> copy = new HashMap<>();
        for (long i = 0; i < 20_000; i++) {
            copy.put(i, new Counted(i));
        }
        Counted.calls = 0;
        assertEquals(m, PersistentMap.<Long, Counted>empty(Codec.LONG, Codec.object()).plusAll(copy));
        assertTrue(Counted.calls >= 20_000, "equal maps built apart compare every value: " + Counted.calls);
    }

    @Test
    void aMapsKeySetAndASetOfTheSameKeysCompareByStructure() {
        List<Hashed> keys = new ArrayList<>();
        for (long i = 0; i < 5_000; i++) {
            keys.add(new Hashed(i));
        }
        PersistentMap<Hashed, Long> m = PersistentMap.empty(Codec.object(), Codec.object());
        PersistentMap<Hashed, Long> otherValues = m;
        for (Hashed k : keys) {
            m = m.plus(k, k.id());
            otherValues = otherValues.plus(k, -k.id());
        }
        PersistentSet<Hashed> set = PersistentSet.<Hashed>empty(Codec.object()).plusAll(keys);
        PersistentSet<Hashed> swapped = set.minus(keys.get(77)).plus(new Hashed(-77));
        PersistentMap<Hashed, Long> swappedMap = m.minus(keys.get(77)).plus(new Hashed(-77), 0L);
        Hashed.calls = 0;
        // Placed by the same hashes, the keys sit in the same places whatever the values: a
        // comparison by structure hashes nothing, where one element by element hashes them all.
        assertTrue(m.keySet().equals(set));
        assertTrue(set.equals(m.keySet()));
        assertTrue(m.keySet().equals(otherValues.keySet()));
        assertFalse(m.keySet().equals(swapped));
        assertFalse(swapped.equals(m.keySet()));
        assertFalse(m.keySet().equals(swappedMap.keySet()));
        assertEquals(0, Hashed.calls, "keys hashed: compared element by element");
        assertEquals(new HashSet<>(keys), m.keySet(), "against any other set: element by element");
        assertEquals(m.keySet(), new HashSet<>(keys));
        assertEquals(set.hashCode(), m.keySet().hashCode());
        PersistentMap<Long, Long> longKeys = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).plusLong(1, 2);
        assertEquals(PersistentSet.of(1L), longKeys.keySet(), "other codecs: element by element");
        assertEquals(longKeys.keySet(), PersistentSet.of(1L));
    }

    /** A key that counts the calls of its {@code hashCode}. */
    private record Hashed(long id) {
        static int calls;

        @Override
        public int hashCode() {
            calls++;
            return Long.hashCode(id * 0x9E3779B97F4A7C15L);
        }
    }

    /** A value that counts how often {@code equals} is called on it. */
    private record Counted(long id) {
        static int calls;

        @Override
        public boolean equals(Object o) {
            calls++;
            return o instanceof Counted c && c.id == id;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id);
        }
    }

    /** A value and how it was made; a native one is updated with its arena current. */
    private record Built<T>(String how, T value, boolean isNative) {
        Built(String how, T value) {
            this(how, value, how.startsWith("native") && !how.endsWith("copied out"));
        }
    }

    private static List<Built<PersistentMap<Key, Long>>> mapBuilds(Map<Key, Long> model, Map<Key, Long> extra,
                                                                   Random rnd, ArenaAllocator arena) {
        List<Map.Entry<Key, Long>> shuffled = new ArrayList<>(model.entrySet());
        Collections.shuffle(shuffled, rnd);
        Map<Key, Long> withExtra = new LinkedHashMap<>(model);
        withExtra.putAll(extra);
        List<Built<PersistentMap<Key, Long>>> out = new ArrayList<>();
        PersistentMap<Key, Long> empty = PersistentMap.empty(Codec.object(), Codec.object());
        PersistentMap<Key, Long> byPuts = empty;
        for (Map.Entry<Key, Long> e : shuffled) {
            byPuts = byPuts.plus(e.getKey(), e.getValue());
        }
        out.add(new Built<>("puts", byPuts));
        TransientMap<Key, Long> t = empty.asTransient();
        for (Map.Entry<Key, Long> e : shuffled.reversed()) {
            t.put(e.getKey(), e.getValue());
        }
        out.add(new Built<>("transient", t.persistent()));
        out.add(new Built<>("copyOf", PersistentMap.copyOf(model)));
        out.add(new Built<>("collector", shuffled.stream().collect(PersistentMap.collector(Map.Entry::getKey, Map.Entry::getValue))));
        Map<Key, Long> firstHalf = new HashMap<>();
        Map<Key, Long> secondHalf = new HashMap<>();
        for (Map.Entry<Key, Long> e : shuffled) {
            (rnd.nextBoolean() ? firstHalf : secondHalf).put(e.getKey(), e.getValue());
        }
        out.add(new Built<>("union", PersistentMap.copyOf(firstHalf).plusAll(PersistentMap.copyOf(secondHalf))));
        PersistentMap<Key, Long> superset = PersistentMap.copyOf(withExtra);
        PersistentSet<Key> extraKeys = PersistentSet.copyOf(extra.keySet());
        out.add(new Built<>("minusAll by structure", superset.minusAll(extraKeys)));
        out.add(new Built<>("minusAll key by key", superset.minusAll(new ArrayList<>(extra.keySet()))));
        PersistentMap<Key, Long> removed = superset;
        for (Key k : extra.keySet()) {
            removed = removed.minus(k);
        }
        out.add(new Built<>("minus", removed));
        out.add(new Built<>("intersectKeys by structure", superset.intersectKeys(PersistentSet.copyOf(model.keySet()))));
        out.add(new Built<>("intersectKeys key by key", superset.intersectKeys(new HashSet<>(model.keySet()))));
        PersistentMap<Key, Long> nativeMap = inArena(arena, () -> superset.minusAll(extraKeys));
        out.add(new Built<>("native from managed", nativeMap));
        PersistentMap<Key, Long> nativeByPuts = inArena(arena, () -> {
            PersistentMap<Key, Long> m = empty;
            for (Map.Entry<Key, Long> e : shuffled) {
                m = m.plus(e.getKey(), e.getValue());
            }
            return m;
        });
        out.add(new Built<>("native puts", nativeByPuts));
        out.add(new Built<>("native copied out", nativeByPuts.copyToHeap()));
        return out;
    }

    private static List<Built<PersistentSet<Key>>> setBuilds(Set<Key> model, Set<Key> extra, Random rnd,
                                                             ArenaAllocator arena) {
        List<Key> shuffled = new ArrayList<>(model);
        Collections.shuffle(shuffled, rnd);
        Set<Key> withExtra = new HashSet<>(model);
        withExtra.addAll(extra);
        List<Built<PersistentSet<Key>>> out = new ArrayList<>();
        out.add(new Built<>("puts", FilterCases.setOf(model)));
        TransientSet<Key> t = PersistentSet.<Key>empty(Codec.object()).asTransient();
        for (Key k : shuffled) {
            t.add(k);
        }
        out.add(new Built<>("transient", t.persistent()));
        out.add(new Built<>("copyOf", PersistentSet.copyOf(shuffled)));
        out.add(new Built<>("collector", shuffled.stream().collect(PersistentSet.collector())));
        int half = shuffled.size() / 2;
        out.add(new Built<>("union", PersistentSet.copyOf(shuffled.subList(0, half))
                .plusAll(PersistentSet.copyOf(shuffled.subList(half, shuffled.size())))));
        PersistentSet<Key> superset = PersistentSet.copyOf(withExtra);
        out.add(new Built<>("minusAll by structure", superset.minusAll(PersistentSet.copyOf(extra))));
        out.add(new Built<>("minusAll key by key", superset.minusAll(new ArrayList<>(extra))));
        out.add(new Built<>("intersect by structure", superset.intersect(PersistentSet.copyOf(model))));
        out.add(new Built<>("intersect key by key", superset.intersect(new HashSet<>(model))));
        PersistentSet<Key> nativeSet = inArena(arena, () -> superset.minusAll(PersistentSet.copyOf(extra)));
        out.add(new Built<>("native", nativeSet));
        out.add(new Built<>("native copied out", nativeSet.copyToHeap()));
        return out;
    }

    private static <T> T update(Built<T> built, ArenaAllocator arena, UnaryOperator<T> change) {
        return built.isNative ? inArena(arena, () -> change.apply(built.value)) : change.apply(built.value);
    }

    private static <T> T inArena(ArenaAllocator arena, Supplier<T> build) {
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            return build.get();
        }
    }
}
