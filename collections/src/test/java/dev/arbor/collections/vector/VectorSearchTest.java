package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code indexOf}, {@code lastIndexOf}, {@code contains} and {@code hashCode}, which read vectors
 * leaf by leaf and compare inline elements as words, and {@code equals} between vectors cut at
 * different positions: each answers as {@link ArrayList} does, for every codec, for slices at any
 * origin, and for objects of another type or {@code null}.
 */
class VectorSearchTest {
    private static final int[] SIZES = {0, 1, 31, 32, 33, 64, 1057, 5000};

    @Test
    void searchesAndHashesAnswerAsArrayListForEveryCodecAndSlice() {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        for (int n : SIZES) {
            // Few distinct values, so most searches find several matches.
            check(Seeds.replay(seed) + "long " + n, Codec.LONG, randomList(n, i -> (long) rnd.nextInt(40)), rnd);
            check(Seeds.replay(seed) + "int " + n, Codec.INT, randomList(n, i -> rnd.nextInt(40) - 20), rnd);
            double[] doubles = {0.0, -0.0, Double.NaN, 1.5, -7.25, Double.POSITIVE_INFINITY};
            check(Seeds.replay(seed) + "double " + n, Codec.DOUBLE, randomList(n, i -> doubles[rnd.nextInt(doubles.length)]), rnd);
            check(Seeds.replay(seed) + "object " + n, Codec.object(),
                    randomList(n, i -> rnd.nextInt(10) == 0 ? null : "s" + rnd.nextInt(40)), rnd);
        }
    }

    private static <E> void check(String what, Codec<E> codec, List<E> model, Random rnd) {
        PersistentVector<E> v = PersistentVector.empty(codec).appendAll(model);
        checkAgainst(what, model, v);
        // Slices at random positions, and the same contents cut at another position.
        for (int r = 0; r < 4 && !model.isEmpty(); r++) {
            int from = rnd.nextInt(model.size() + 1);
            int to = from + rnd.nextInt(model.size() - from + 1);
            PersistentVector<E> slice = v.subList(from, to);
            List<E> sliceModel = model.subList(from, to);
            checkAgainst(what + " slice " + from + ".." + to, sliceModel, slice);
            PersistentVector<E> padded = PersistentVector.empty(codec).appendAll(model.subList(0, rnd.nextInt(from + 1)))
                    .appendAll(sliceModel);
            PersistentVector<E> cutElsewhere = padded.subList(padded.size() - sliceModel.size(), padded.size());
            assertEquals(slice, cutElsewhere, what);
            assertEquals(cutElsewhere, slice, what);
            if (!sliceModel.isEmpty()) {
                int at = rnd.nextInt(sliceModel.size());
                List<E> changed = new ArrayList<>(sliceModel);
                changed.set(at, model.get(rnd.nextInt(model.size())));
                PersistentVector<E> other = PersistentVector.empty(codec).appendAll(changed);
                assertEquals(changed.equals(sliceModel), slice.equals(other.subList(0, changed.size())),
                        what + " one element changed at " + at);
                assertEquals(changed.equals(sliceModel), other.equals(slice), what);
            }
        }
    }

    private static <E> void checkAgainst(String what, List<E> model, PersistentVector<E> v) {
        assertEquals(model.hashCode(), v.hashCode(), what);
        List<Object> probes = new ArrayList<>(model.subList(0, Math.min(model.size(), 12)));
        probes.add(null);
        probes.add("absent");
        probes.add(3);
        probes.add(3L);
        probes.add(-0.0);
        probes.add(Double.NaN);
        for (Object o : probes) {
            assertEquals(model.indexOf(o), v.indexOf(o), what + " indexOf " + o);
            assertEquals(model.lastIndexOf(o), v.lastIndexOf(o), what + " lastIndexOf " + o);
            assertEquals(model.contains(o), v.contains(o), what + " contains " + o);
        }
    }

    private static <E> List<E> randomList(int n, IntFunction<E> element) {
        List<E> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(element.apply(i));
        }
        return l;
    }

    @Test
    void aNativeVectorIsSearchedInPlaceAndRefusedAfterItsReset() {
        ArenaAllocator arena = ArenaAllocator.create();
        PersistentVector<Long> v;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
            for (long i = 0; i < 3_000; i++) {
                t.appendLong(i % 1_000);
            }
            v = t.persistent().subList(500, 2_700);
        }
        assertEquals(0, v.indexOf(500L));
        assertEquals(2_000, v.lastIndexOf(500L));
        assertTrue(v.contains(999L));
        assertFalse(v.contains(1_000L));
        List<Long> model = new ArrayList<>(v);
        assertEquals(model.hashCode(), v.hashCode());
        assertEquals(model.hashCode(), v.copyToHeap().hashCode());
        // A managed vector extended under the arena: managed leaves and native ones in one trie.
        PersistentVector<Long> managed = PersistentVector.empty(Codec.LONG).appendAll(model);
        PersistentVector<Long> mixed;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            mixed = managed.appendLong(-7).appendLong(500);
        }
        List<Long> mixedModel = new ArrayList<>(model);
        mixedModel.add(-7L);
        mixedModel.add(500L);
        assertEquals(mixedModel.hashCode(), mixed.hashCode());
        assertEquals(mixedModel.indexOf(-7L), mixed.indexOf(-7L));
        assertEquals(mixedModel.lastIndexOf(500L), mixed.lastIndexOf(500L));
        assertEquals(mixedModel.indexOf(999L), mixed.indexOf(999L));
        arena.close();
        assertThrows(IllegalStateException.class, () -> v.indexOf(1L));
        assertThrows(IllegalStateException.class, () -> v.lastIndexOf(1L));
        assertThrows(IllegalStateException.class, v::hashCode);
    }

    @Test
    void anEqualsThatResetsTheArenaStopsTheSearch() {
        ArenaAllocator arena = ArenaAllocator.create();
        PersistentVector<Object> v;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            v = PersistentVector.copyOf(List.of("a", "b", "c", "d"));
        }
        Object resetting = new Object() {
            @Override
            public boolean equals(Object o) {
                arena.reset();
                return false;
            }

            @Override
            public int hashCode() {
                return 0;
            }
        };
        assertThrows(IllegalStateException.class, () -> v.indexOf(resetting));
        assertThrows(IllegalStateException.class, () -> v.lastIndexOf(resetting));
        arena.close();
    }
}
