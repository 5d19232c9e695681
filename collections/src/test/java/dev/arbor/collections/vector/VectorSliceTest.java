package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.BackgroundCollector;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import dev.arbor.collections.testing.Seeds;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code subList(from, to)} with {@code from > 0}: a slice that keeps the positions its elements
 * had in the trie (an origin) and shares the nodes between its two cut paths. It must be a vector
 * like any other (every read, appends, sets, pops down to empty, transients, further slices and
 * equality match {@link ArrayList}, across leaf and level boundaries on both sides), cost a few
 * branches per level whatever its length, and keep nothing it dropped reachable but the part of
 * its first leaf before it.
 */
class VectorSliceTest {
    private static final int LEVEL_2 = 32 * 32;
    private static final int LEVEL_3 = 32 * 32 * 32;

    @ParameterizedTest(name = "codec {0}")
    @ValueSource(strings = {"long", "object"})
    void everySliceIsAVectorThatReadsGrowsAndShrinksLikeArrayList(String codecName) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        Random rnd = new Random(seed);
        Codec<Long> codec = codecName.equals("long") ? Codec.LONG : Codec.<Long>object();
        for (int size : new int[] {34, 65, LEVEL_2 + 33, LEVEL_3 + 33, 40_000}) {
            List<Long> model = LongStream.range(0, size).map(i -> i * 7 + 1).boxed().toList();
            PersistentVector<Long> v = PersistentVector.empty(codec).appendAll(model);
            TreeSet<Integer> starts = new TreeSet<>();
            for (int b : new int[] {1, 31, 32, 33, 63, 64, LEVEL_2 - 1, LEVEL_2, LEVEL_2 + 1, LEVEL_3 - 1, LEVEL_3,
                    LEVEL_3 + 1, size - 33}) {
                if (b > 0 && b < size - 32) {
                    starts.add(b);
                }
            }
            starts.add(1 + rnd.nextInt(size - 33));
            for (int from : starts) {
                TreeSet<Integer> ends = new TreeSet<>();
                for (int e : new int[] {size, size - 1, from + 33, from + 64, from + LEVEL_2 + 5, from + 33 + rnd.nextInt(size - from - 32)}) {
                    if (e - from > 32 && e <= size) {
                        ends.add(e);
                    }
                }
                for (int to : ends) {
                    String at = msg + "subList(" + from + ", " + to + ") of " + size + ": ";
                    PersistentVector<Long> slice = v.subList(from, to);
                    List<Long> expected = new ArrayList<>(model.subList(from, to));
                    reads(slice, expected, rnd, at);
                    // Made twice, a slice has one shape: equal by structure; rebuilt, equal element by element.
                    assertEquals(slice, v.subList(from, to), at + "the same slice made again");
                    assertEquals(slice, PersistentVector.empty(codec).appendAll(expected), at + "a vector of the same elements");
                    PersistentVector<Long> inner = slice.subList(slice.size() / 3, slice.size() - slice.size() / 4);
                    reads(inner, expected.subList(slice.size() / 3, slice.size() - slice.size() / 4), rnd, at + "a slice of it: ");
                    exercise(slice, expected, rnd, at);
                    assertEquals(model, v, at + "the vector it came from changed");
                }
            }
        }
    }

    /** Every way to read a vector gives the model's elements. */
    private static void reads(PersistentVector<Long> v, List<Long> expected, Random rnd, String at) {
        assertEquals(expected.size(), v.size(), at + "size");
        assertEquals(expected, v, at + "contents");
        assertEquals(expected.hashCode(), v.hashCode(), at + "hashCode");
        // Every index near either end (across the first leaf, the tail and their neighbours), some between.
        for (int i = 0; i < expected.size(); i = i < 70 || i > expected.size() - 70 ? i + 1 : i + 1 + rnd.nextInt(200)) {
            assertEquals(expected.get(i), v.get(i), at + "get(" + i + ")");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> v.get(-1), at + "get(-1)");
        assertThrows(IndexOutOfBoundsException.class, () -> v.get(expected.size()), at + "get(size)");
        List<Long> seen = new ArrayList<>();
        v.forEach(seen::add);
        assertEquals(expected, seen, at + "forEach");
        assertEquals(expected, v.stream().toList(), at + "stream");
        assertEquals(expected, v.parallelStream().toList(), at + "parallel stream");
        if (v.codec() == Codec.LONG) {
            List<Long> longs = new ArrayList<>();
            v.forEachLong(longs::add);
            assertEquals(expected, longs, at + "forEachLong");
            assertEquals(expected, v.longStream().boxed().toList(), at + "longStream");
            int i = rnd.nextInt(expected.size());
            assertEquals((long) expected.get(i), v.getLong(i), at + "getLong(" + i + ")");
        }
    }

    /**
     * Appends past the next level boundary, sets, pops down to empty, and a transient's adds,
     * sets and pops: the vector (a slice or a prefix, {@link VectorPrefixTest}) must grow and
     * shrink like {@code expected} and never change.
     */
    static void exercise(PersistentVector<Long> slice, List<Long> expected, Random rnd, String at) {
        PersistentVector<Long> p = slice;
        List<Long> m = new ArrayList<>(expected);
        int grow = 40 + rnd.nextInt(LEVEL_2 + 40);
        for (int i = 0; i < grow; i++) {
            long e = rnd.nextLong();
            p = p.append(e);
            m.add(e);
        }
        for (int i = 0; i < 20; i++) {
            int j = rnd.nextInt(m.size());
            long e = rnd.nextLong();
            p = p.with(j, e);
            m.set(j, e);
        }
        assertEquals(m, p, at + "after appends and sets");
        while (!m.isEmpty()) {
            p = p.pop();
            m.removeLast();
            if (m.size() < 70 || rnd.nextInt(2_000) == 0) {
                assertEquals(m, p, at + "after pops to " + m.size());
                if (!m.isEmpty()) {
                    int j = rnd.nextInt(m.size());
                    assertEquals(m.get(j), p.get(j), at + "get(" + j + ") after pops to " + m.size());
                }
            }
        }
        TransientVector<Long> t = slice.asTransient();
        List<Long> tm = new ArrayList<>(expected);
        for (int i = 0; i < 70; i++) {
            t.append((long) i);
            tm.add((long) i);
        }
        t.set(0, -1L);
        tm.set(0, -1L);
        int j = rnd.nextInt(tm.size());
        assertEquals(tm.get(j), t.get(j), at + "transient get(" + j + ")");
        int pops = rnd.nextInt(tm.size() + 1);
        for (int i = 0; i < pops; i++) {
            t.pop();
            tm.removeLast();
        }
        for (int i = 0; i < 40; i++) {
            t.append((long) -i);
            tm.add((long) -i);
        }
        assertEquals(tm, t.persistent(), at + "through a transient");
        assertEquals(expected, slice, at + "the slice changed");
    }

    @ParameterizedTest(name = "codec {0}")
    @ValueSource(strings = {"long", "object"})
    void randomSlicesEditsAndTransientsMatchArrayListAndNoValueChangesLater(String codecName) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        Random rnd = new Random(seed);
        Codec<Long> codec = codecName.equals("long") ? Codec.LONG : Codec.<Long>object();
        PersistentVector<Long> v = PersistentVector.empty(codec);
        List<Long> model = new ArrayList<>();
        List<PersistentVector<Long>> values = new ArrayList<>();
        List<List<Long>> models = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(100);
            if (op < 40 || model.isEmpty()) {
                int n = 1 + rnd.nextInt(op < 5 ? 5_000 : 40);
                List<Long> more = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    more.add(rnd.nextLong());
                }
                v = rnd.nextBoolean() ? v.appendAll(more) : appendEach(v, more);
                model.addAll(more);
            } else if (op < 55) {
                int from = rnd.nextInt(model.size());
                int to = from + rnd.nextInt(model.size() - from + 1);
                v = v.subList(from, to);
                model = new ArrayList<>(model.subList(from, to));
            } else if (op < 70) {
                int k = rnd.nextInt(model.size());
                long e = rnd.nextLong();
                v = v.with(k, e);
                model.set(k, e);
            } else if (op < 80) {
                for (int i = rnd.nextInt(Math.min(model.size(), 80)) + 1; i > 0; i--) {
                    v = v.pop();
                    model.removeLast();
                }
            } else if (op < 90) {
                TransientVector<Long> t = v.asTransient();
                for (int i = rnd.nextInt(100); i > 0; i--) {
                    int kind = rnd.nextInt(4);
                    if (kind < 2 || model.isEmpty()) {
                        long e = rnd.nextLong();
                        t.append(e);
                        model.add(e);
                    } else if (kind == 2) {
                        int k = rnd.nextInt(model.size());
                        long e = rnd.nextLong();
                        t.set(k, e);
                        model.set(k, e);
                    } else {
                        t.pop();
                        model.removeLast();
                    }
                }
                v = t.persistent();
            } else {
                int k = rnd.nextInt(model.size());
                assertEquals(model.get(k), v.get(k), msg + "step " + step + ": get(" + k + ") of " + model.size());
                assertEquals(model, v, msg + "step " + step);
            }
            if (rnd.nextInt(20) == 0) {
                values.add(v);
                models.add(new ArrayList<>(model));
            }
        }
        for (int i = 0; i < values.size(); i++) {
            assertEquals(models.get(i), values.get(i), msg + "value " + i + " changed after it was made");
            assertEquals(models.get(i).hashCode(), values.get(i).hashCode(), msg + "value " + i + " hashCode");
        }
    }

    private static PersistentVector<Long> appendEach(PersistentVector<Long> v, List<Long> more) {
        for (long e : more) {
            v = v.append(e);
        }
        return v;
    }

    @Test
    void aSliceCostsAFewBranchesPerLevelWhateverItsLength() {
        // 10^5 longs: the root at shift 15, three levels of branches above the leaves.
        PersistentVector<Long> v = PersistentVector.empty(Codec.LONG).appendAll(LongStream.range(0, 100_000).boxed().toList());
        int[][] ranges = {{1, 100_000}, {1, 99_999}, {1_000, 99_000}, {50_000, 50_100}, {33, 3_000}, {LEVEL_3 - 1, LEVEL_3 + 40},
                {99_000, 99_990}, {40_000, 100_000}};
        for (int[] r : ranges) {
            try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
                PersistentVector<Long> slice = v.subList(r[0], r[1]);
                // The new tail, and at most one branch per level on each cut's path (4 levels).
                assertTrue(counter.snapshot().blocks() <= 9, counter.snapshot().blocks() + " blocks allocated by subList(" + r[0] + ", " + r[1] + ")");
                assertEquals(r[1] - r[0], slice.size());
                assertEquals(r[0], slice.getLong(0));
                assertEquals(r[1] - 1L, slice.getLong(slice.size() - 1));
            }
        }
        // A queue taken from the front: a slice copies nothing until its first leaf is wholly
        // dropped, then the three branches above it (31 times in 1,000 steps: origins 32, 64, ...).
        PersistentVector<Long> rest = v;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            for (int i = 0; i < 1_000; i++) {
                assertEquals(i, rest.getLong(0));
                rest = rest.subList(1, rest.size());
            }
            assertEquals(31 * 3, counter.snapshot().blocks(), "blocks for 1,000 slices from the front");
        }
        assertEquals(LongStream.range(1_000, 100_000).boxed().toList(), rest);
    }

    @Test
    void fourThreadsSliceOneVectorWhileAFifthCollects() throws Exception {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        List<Long> model = LongStream.range(0, 50_000).map(i -> i * 3).boxed().toList();
        PersistentVector<Long> shared = PersistentVector.empty(Codec.<Long>object()).appendAll(model);
        try (BackgroundCollector collector = BackgroundCollector.start();
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> results = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long workerSeed = seed + w;
                results.add(pool.submit(() -> {
                    Random rnd = new Random(workerSeed);
                    for (int round = 0; round < 200; round++) {
                        int from = rnd.nextInt(model.size());
                        int to = from + rnd.nextInt(model.size() - from + 1);
                        PersistentVector<Long> slice = shared.subList(from, to);
                        List<Long> m = new ArrayList<>(model.subList(from, to));
                        for (int i = 0; i < 50; i++) {
                            long e = rnd.nextLong();
                            slice = slice.append(e);
                            m.add(e);
                        }
                        if (!m.isEmpty()) {
                            int k = rnd.nextInt(m.size());
                            slice = slice.with(k, -1L);
                            m.set(k, -1L);
                        }
                        assertEquals(m, slice, msg + "worker seed " + workerSeed + " round " + round);
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        }
        assertEquals(model, shared, msg + "the shared vector changed");
    }

    @Test
    void aSliceKeepsOnlyThePartOfItsFirstLeafBeforeItReachable() throws InterruptedException {
        int n = 5_000;
        int from = 1_000;
        int to = 1_100;
        List<WeakReference<Object>> weak = new ArrayList<>(n);
        PersistentVector<Object> slice = slice(n, from, to, weak);
        // Only positions 992-999 share a leaf with the slice's first element.
        int expectedKept = from % 32;
        int kept = n;
        for (int attempt = 0; attempt < 50 && kept > expectedKept; attempt++) {
            System.gc();
            Thread.sleep(10);
            kept = 0;
            for (int i = 0; i < n; i++) {
                if ((i < from || i >= to) && weak.get(i).get() != null) {
                    kept++;
                }
            }
        }
        assertEquals(expectedKept, kept, "elements outside the slice still reachable");
        for (int i = from; i < to; i++) {
            assertNotNull(weak.get(i).get(), "element " + i + " of the slice collected");
        }
        assertEquals(to - from, slice.size());
    }

    /** A slice of a vector of {@code n} fresh objects that nothing else keeps. */
    private static PersistentVector<Object> slice(int n, int from, int to, List<WeakReference<Object>> weak) {
        TransientVector<Object> t = PersistentVector.of().asTransient();
        for (int i = 0; i < n; i++) {
            Object o = new StringBuilder("element ").append(i);
            weak.add(new WeakReference<>(o));
            t.append(o);
        }
        return t.persistent().subList(from, to);
    }
}
