package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.Set;
import java.util.Spliterator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The spliterators of sets and maps split along the trie ({@link TrieSpliterator}): however they
 * are split and advanced, the pieces yield every element exactly once, and parallel streams
 * answer as sequential ones.
 */
class TrieSpliteratorTest {

    /** Splits {@code s} at random, advancing some pieces part-way first, and drains every piece into {@code out}. */
    private static <T> void splitAndDrain(Spliterator<T> s, List<? super T> out, Random rnd, int depth) {
        int before = rnd.nextInt(4);
        for (int i = 0; i < before && s.tryAdvance(out::add); i++) {
            // a piece split while it is inside a part
        }
        Spliterator<T> other = depth < 12 && rnd.nextInt(5) != 0 ? s.trySplit() : null;
        if (other != null) {
            splitAndDrain(other, out, rnd, depth + 1);
            splitAndDrain(s, out, rnd, depth + 1);
        } else {
            s.forEachRemaining(out::add);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashScenario.class)
    void everyElementComesOnceHoweverTheSpliteratorIsSplit(HashScenario scenario) {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 30; round++) {
            int size = round < 3 ? round : rnd.nextInt(Math.min(scenario.maxSize, 5_000) + 1);
            String msg = Seeds.replay(seed) + scenario + " round " + round + " (size " + size + "): ";
            Set<Key> model = FilterCases.keys(scenario, size, rnd);
            PersistentSet<Key> set = FilterCases.setOf(model);

            Spliterator<Key> s = set.spliterator();
            assertEquals(size, s.estimateSize(), msg + "an unsplit spliterator knows its size");
            assertTrue(s.hasCharacteristics(Spliterator.SIZED | Spliterator.DISTINCT | Spliterator.IMMUTABLE), msg);
            assertFalse(s.hasCharacteristics(Spliterator.ORDERED), msg + "a set's order is no contract");
            List<Key> seen = new ArrayList<>();
            splitAndDrain(s, seen, rnd, 0);
            assertEquals(size, seen.size(), msg + "elements yielded");
            assertEquals(model, Set.copyOf(seen), msg + "elements");
        }
    }

    @Test
    void aLargeSetSplitsIntoBalancedPiecesWithoutCopying() {
        PersistentSet<Long> set = PersistentSet.empty(Codec.LONG);
        for (long k = 0; k < 100_000; k++) {
            set = set.plusLong(k * 0x9E3779B97F4A7C15L);
        }
        Spliterator<Long> s = set.spliterator();
        Spliterator<Long> half = s.trySplit();
        assertNotNull(half);
        long a = s.estimateSize();
        long b = half.estimateSize();
        assertEquals(100_000, a + b, "the estimates add up");
        assertTrue(Math.abs(a - b) <= 100_000 / 8, "halves of about equal size: " + a + " and " + b);
        assertFalse(s.hasCharacteristics(Spliterator.SIZED), "a split piece only estimates");
        long[] counts = new long[2];
        s.forEachRemaining(x -> counts[0]++);
        half.forEachRemaining(x -> counts[1]++);
        assertEquals(100_000, counts[0] + counts[1]);
        assertTrue(Math.abs(counts[0] - counts[1]) <= 100_000 / 8, "pieces of " + counts[0] + " and " + counts[1]);
    }

    @Test
    void parallelStreamsOfEveryViewAnswerAsSequentialOnes() {
        Map<Long, Long> model = new HashMap<>();
        PersistentMap<Long, Long> map = PersistentMap.empty(Codec.LONG, Codec.LONG);
        for (long k = 0; k < 50_000; k++) {
            map = map.plusLong(k * 31, k);
            model.put(k * 31, k);
        }
        PersistentMap<Long, Long> m = map;
        assertEquals(model.keySet(), m.keySet().parallelStream().collect(Collectors.toSet()));
        assertEquals(model.values().stream().mapToLong(Long::longValue).sum(),
                m.values().parallelStream().mapToLong(Long::longValue).sum());
        assertEquals(model, m.entrySet().parallelStream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        PersistentSet<Long> set = PersistentSet.<Long>empty(Codec.LONG).plusAll(model.keySet());
        assertEquals(model.keySet().stream().mapToLong(Long::longValue).sum(), set.parallelStream().mapToLong(Long::longValue).sum());
        assertEquals(50_000, set.parallelStream().filter(k -> k % 31 == 0).count());
    }

    @Test
    void aSetOfLongsStreamsItsElementsUnboxedHoweverSplit() {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            int size = round < 3 ? round : rnd.nextInt(50_000);
            String msg = Seeds.replay(seed) + "round " + round + " (size " + size + "): ";
            PersistentSet<Long> set = PersistentSet.empty(Codec.LONG);
            for (int i = 0; i < size; i++) {
                set = set.plusLong(rnd.nextLong());
            }
            assertEquals(set, set.longStream().boxed().collect(Collectors.toSet()), msg + "sequential");
            assertEquals(set.stream().mapToLong(Long::longValue).sum(), set.longStream().parallel().sum(), msg + "parallel");
            Spliterator.OfLong s = set.longStream().spliterator();
            assertTrue(s.hasCharacteristics(Spliterator.DISTINCT | Spliterator.NONNULL | Spliterator.SIZED), msg);
            List<Long> seen = new ArrayList<>();
            splitAndDrain(s, seen, rnd, 0);
            assertEquals(set.size(), seen.size(), msg + "elements yielded");
            assertEquals(set, Set.copyOf(seen), msg + "split at random");
        }
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> PersistentSet.of("a").longStream());
        assertTrue(e.getMessage().contains("longStream"), e.getMessage());
    }

    @Test
    void aMapOfLongsStreamsItsKeysAndValuesUnboxedHoweverSplit() {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            int size = round < 3 ? round : rnd.nextInt(50_000);
            String msg = Seeds.replay(seed) + "round " + round + " (size " + size + "): ";
            TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            for (int i = 0; i < size; i++) {
                t.putLong(rnd.nextLong(), rnd.nextInt(1_000));
            }
            PersistentMap<Long, Long> m = t.persistent();
            // In the order of the boxed views, sequential; as the same multiset in parallel and split at random.
            assertEquals(List.copyOf(m.keySet()), m.keyLongStream().boxed().toList(), msg + "keys");
            assertEquals(List.copyOf(m.values()), m.valueLongStream().boxed().toList(), msg + "values");
            assertEquals(m.keySet().stream().mapToLong(Long::longValue).sum(), m.keyLongStream().parallel().sum(), msg + "keys in parallel");
            assertEquals(m.values().stream().mapToLong(Long::longValue).sum(), m.valueLongStream().parallel().sum(),
                    msg + "values in parallel");
            Spliterator.OfLong keys = m.keyLongStream().spliterator();
            assertTrue(keys.hasCharacteristics(Spliterator.DISTINCT | Spliterator.NONNULL | Spliterator.SIZED), msg);
            Spliterator.OfLong values = m.valueLongStream().spliterator();
            assertTrue(values.hasCharacteristics(Spliterator.NONNULL | Spliterator.SIZED), msg);
            assertFalse(values.hasCharacteristics(Spliterator.DISTINCT), msg + "values may repeat");
            List<Long> seen = new ArrayList<>();
            splitAndDrain(keys, seen, rnd, 0);
            assertEquals(m.keySet(), Set.copyOf(seen), msg + "keys split at random");
            assertEquals(m.size(), seen.size(), msg + "keys yielded");
            seen.clear();
            splitAndDrain(values, seen, rnd, 0);
            List<Long> expected = new ArrayList<>(m.values());
            expected.sort(null);
            seen.sort(null);
            assertEquals(expected, seen, msg + "values split at random");
        }
        PersistentMap<String, Long> stringKeys = PersistentMap.<String, Long>empty(Codec.object(), Codec.LONG).plus("a", 1L);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, stringKeys::keyLongStream);
        assertTrue(e.getMessage().contains("keyLongStream"), e.getMessage());
        assertEquals(1L, stringKeys.valueLongStream().sum(), "long values need only long values");
        PersistentMap<Long, String> stringValues = PersistentMap.<Long, String>empty(Codec.LONG, Codec.object()).plus(7L, "a");
        e = assertThrows(UnsupportedOperationException.class, stringValues::valueLongStream);
        assertTrue(e.getMessage().contains("valueLongStream"), e.getMessage());
        assertEquals(7L, stringValues.keyLongStream().sum(), "long keys need only long keys");
    }

    @Test
    void aSpliteratorOfAResetNativeSetOrMapThrowsInsteadOfReading() {
        ArenaAllocator arena = ArenaAllocator.create();
        PersistentSet<Long> set;
        PersistentMap<Long, Long> map;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            set = PersistentSet.<Long>empty(Codec.LONG).plusAll(List.of(1L, 2L, 3L));
            map = PersistentMap.empty(Codec.LONG, Codec.LONG).plusLong(1, 10).plusLong(2, 20);
        }
        Spliterator<Long> s = set.spliterator();
        assertTrue(s.tryAdvance(x -> { }));
        Spliterator.OfLong values = map.valueLongStream().spliterator();
        assertTrue(values.tryAdvance((long x) -> { }));
        arena.reset();
        assertThrows(IllegalStateException.class, () -> s.tryAdvance(x -> { }));
        assertThrows(IllegalStateException.class, s::trySplit);
        assertThrows(IllegalStateException.class, set::spliterator);
        assertThrows(IllegalStateException.class, set::longStream);
        assertThrows(IllegalStateException.class, () -> values.tryAdvance((long x) -> { }));
        assertThrows(IllegalStateException.class, map::keyLongStream);
        assertThrows(IllegalStateException.class, map::valueLongStream);
        arena.close();
    }
}
