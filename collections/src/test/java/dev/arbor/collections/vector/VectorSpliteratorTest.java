package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Spliterator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A vector's spliterator reads leaf by leaf and splits at leaf boundaries: however it is split
 * and advanced, the prefixes and suffixes together yield every element once, in order.
 */
class VectorSpliteratorTest {

    /** Splits {@code s} at random (prefix first, as ORDERED asks), advancing part-way first, into {@code out}. */
    private static <T> void splitAndDrain(Spliterator<T> s, List<? super T> out, Random rnd, int depth) {
        int before = rnd.nextInt(40);
        for (int i = 0; i < before && s.tryAdvance(out::add); i++) {
            // a range split in the middle of a leaf
        }
        Spliterator<T> prefix = depth < 12 && rnd.nextInt(5) != 0 ? s.trySplit() : null;
        if (prefix != null) {
            splitAndDrain(prefix, out, rnd, depth + 1);
            splitAndDrain(s, out, rnd, depth + 1);
        } else {
            s.forEachRemaining(out::add);
        }
    }

    @Test
    void everyElementComesOnceInOrderHoweverTheSpliteratorIsSplit() {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            int size = round < 3 ? round * 33 : rnd.nextInt(70_000);
            String msg = Seeds.replay(seed) + "round " + round + " (size " + size + "): ";
            PersistentVector<Long> longs = PersistentVector.ofLongs(LongStream.range(0, size).map(i -> i * 7).toArray());
            PersistentVector<String> strings = PersistentVector.copyOf(
                    LongStream.range(0, Math.min(size, 3_000)).mapToObj(i -> "s" + i).toList());
            for (PersistentVector<?> v : List.of(longs, strings)) {
                Spliterator<?> s = v.spliterator();
                assertEquals(v.size(), s.estimateSize(), msg);
                assertTrue(s.hasCharacteristics(Spliterator.ORDERED | Spliterator.SIZED | Spliterator.SUBSIZED
                        | Spliterator.IMMUTABLE), msg);
                List<Object> seen = new ArrayList<>();
                splitAndDrain(s, seen, rnd, 0);
                assertEquals(v, seen, msg + "every element once, in order");
            }
        }
    }

    @Test
    void parallelStreamsAnswerAsSequentialOnes() {
        PersistentVector<Long> v = PersistentVector.ofLongs(LongStream.range(0, 100_000).toArray());
        assertEquals(LongStream.range(0, 100_000).sum(), v.parallelStream().mapToLong(Long::longValue).sum());
        assertEquals(v, v.parallelStream().collect(Collectors.toList()));
        assertEquals(v.subList(0, 50_000), v.parallelStream().limit(50_000).toList());
        Spliterator<Long> s = v.spliterator();
        Spliterator<Long> prefix = s.trySplit();
        assertEquals(100_000, prefix.estimateSize() + s.estimateSize());
        assertEquals(0, prefix.estimateSize() % 32, "split at a leaf boundary");
    }

    @Test
    void aVectorOfLongsStreamsItsWordsUnboxedInEveryShape() {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            int size = round < 3 ? round * 33 : rnd.nextInt(70_000);
            long[] elements = LongStream.range(0, size).map(i -> i * 7 - 3).toArray();
            PersistentVector<Long> v = PersistentVector.ofLongs(elements);
            String msg = Seeds.replay(seed) + "round " + round + " (size " + size + "): ";
            assertEquals(java.util.Arrays.stream(elements).boxed().toList(),
                    v.longStream().boxed().toList(), msg + "sequential");
            assertEquals(LongStream.of(elements).sum(), v.longStream().parallel().sum(), msg + "parallel");
            Spliterator.OfLong s = v.longStream().spliterator();
            List<Long> seen = new ArrayList<>();
            splitAndDrain(s, seen, rnd, 0);
            assertEquals(v, seen, msg + "split at random");
        }
        PersistentVector<String> strings = PersistentVector.of("a");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, strings::longStream);
        assertTrue(e.getMessage().contains("longStream"), e.getMessage());
    }

    @Test
    void aSpliteratorOfAResetNativeVectorThrowsInsteadOfReading() {
        ArenaAllocator arena = ArenaAllocator.create();
        PersistentVector<Long> v;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            v = PersistentVector.<Long>empty(Codec.LONG).appendAll(List.of(1L, 2L, 3L));
        }
        Spliterator<Long> s = v.spliterator();
        assertTrue(s.tryAdvance(x -> { }));
        arena.reset();
        assertThrows(IllegalStateException.class, () -> s.tryAdvance(x -> { }));
        assertThrows(IllegalStateException.class, () -> s.forEachRemaining(x -> { }));
        assertThrows(IllegalStateException.class, v::spliterator);
        assertThrows(IllegalStateException.class, v::longStream);
        arena.close();
    }
}
