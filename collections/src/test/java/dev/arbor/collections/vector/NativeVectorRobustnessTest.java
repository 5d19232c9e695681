package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.Allocator;
import dev.arbor.api.RefusingAllocator;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.Copier;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.AllocationFailures;
import dev.arbor.collections.testing.BackgroundCollector;
import dev.arbor.collections.testing.Seeds;
import dev.arbor.debug.DebugAllocator;
import dev.arbor.debug.LeakDetection;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector's native format under stress: every allocation failure, byte limits, randomized
 * models across resets, JVM collections and threads.
 */
class NativeVectorRobustnessTest {

    private static List<Long> range(long n) {
        return LongStream.range(0, n).boxed().toList();
    }

    private static DebugAllocator debug() {
        return DebugAllocator.builder().leakDetection(LeakDetection.OFF).quarantineBytes(0).build();
    }

    private static PersistentVector<Object> objects(long n) {
        TransientVector<Object> t = PersistentVector.of().asTransient();
        for (long i = 0; i < n; i++) {
            t.append("e" + i);
        }
        return t.persistent();
    }

    @Test
    void everyPersistentOperationSurvivesEveryAllocationFailure() {
        long injectedBefore = AllocationFailures.injected();
        try (DebugAllocator debug = debug()) {
            RefusingAllocator failing = RefusingAllocator.over(debug);
            for (int size : new int[] {0, 1, 31, 32, 33, 64, 1056, 1057, 1088, 1089}) {
                for (boolean words : new boolean[] {true, false}) {
                    PersistentVector<Object> v;
                    try (AllocatorScope s = CurrentAllocator.use(failing)) {
                        v = words ? PersistentVector.<Object>of().appendAll(range(size)) : objects(size);
                    }
                    List<Object> model = new ArrayList<>(v);
                    String at = "size " + size + (words ? " words" : " refs");
                    Runnable unchanged = () -> assertEquals(model, v, at + ": the old value changed");
                    List<Object> appended = new ArrayList<>(model);
                    appended.add("new");
                    assertEquals(appended, AllocationFailures.check(failing, "append at " + at, () -> v.append("new"), unchanged));
                    assertEquals(model.size() + 100, AllocationFailures.check(failing, "appendAll at " + at,
                            () -> v.appendAll(range(100)), unchanged).size());
                    if (size > 0) {
                        for (int i : new int[] {0, size / 2, size - 1}) {
                            List<Object> with = new ArrayList<>(model);
                            with.set(i, "w");
                            assertEquals(with, AllocationFailures.check(failing, "with(" + i + ") at " + at,
                                    () -> v.with(i, "w"), unchanged));
                        }
                        assertEquals(model.subList(0, size - 1), AllocationFailures.check(failing, "pop at " + at, v::pop, unchanged));
                        for (int to : new int[] {1, size / 2, size - 1}) {
                            assertEquals(model.subList(0, to), AllocationFailures.check(failing, "subList(0, " + to + ") at " + at,
                                    () -> v.subList(0, to), unchanged));
                        }
                        for (int[] r : new int[][] {{1, size}, {33, size}, {size / 3, size - 1}, {size / 3, size / 3 + 40}}) {
                            if (r[0] > 0 && r[1] <= size && r[1] - r[0] > 32) {
                                assertEquals(model.subList(r[0], r[1]), AllocationFailures.check(failing,
                                        "subList(" + r[0] + ", " + r[1] + ") at " + at, () -> v.subList(r[0], r[1]), unchanged));
                            }
                        }
                    }
                    // Copying out of another native allocator into this one.
                    try (ArenaAllocator arena = ArenaAllocator.create()) {
                        PersistentVector<Object> elsewhere;
                        try (AllocatorScope s = CurrentAllocator.use(arena)) {
                            elsewhere = PersistentVector.<Object>of().appendAll(model);
                        }
                        assertEquals(model, AllocationFailures.check(failing, "copyTo at " + at,
                                () -> elsewhere.copyTo(failing), () -> assertEquals(model, elsewhere)));
                    }
                }
            }
            debug.reset();
        }
        assertTrue(AllocationFailures.injected() - injectedBefore > 5, "failures were injected");
    }

    @Test
    void everyTransientOperationSurvivesEveryAllocationFailure() {
        long injectedBefore = AllocationFailures.injected();
        try (DebugAllocator debug = debug()) {
            RefusingAllocator failing = RefusingAllocator.over(debug);
            for (int size : new int[] {1, 2, 32, 33, 64, 65, 1056, 1057, 1088, 1089}) {
                PersistentVector<Long> base;
                try (AllocatorScope s = CurrentAllocator.use(failing)) {
                    base = PersistentVector.empty(Codec.LONG).appendAll(range(size));
                }
                List<UnaryOperator<TransientVector<Long>>> ops = List.of(
                        t -> t.appendLong(-1), t -> t.setLong(0, -1), t -> t.setLong(t.size() - 1, -1), TransientVector::pop);
                for (int o = 0; o < ops.size(); o++) {
                    UnaryOperator<TransientVector<Long>> op = ops.get(o);
                    // A fresh transient (owning nothing) and one that already owns its nodes.
                    for (boolean warm : new boolean[] {false, true}) {
                        TransientVector<Long> t;
                        List<Long> model;
                        try (AllocatorScope s = CurrentAllocator.use(failing)) {
                            t = base.asTransient();
                            if (warm) {
                                t.setLong(0, 0).appendLong(size).pop();
                            }
                            model = contents(t);
                        }
                        String at = "op " + o + (warm ? " (warm)" : "") + " at size " + size;
                        AllocationFailures.check(failing, at, () -> op.apply(t),
                                () -> assertEquals(model, contents(t), at + ": the transient changed"));
                        PersistentVector<Long> done = AllocationFailures.check(failing, "persistent() after " + at,
                                t::persistent, () -> { });
                        assertEquals(range(size), base, "the persistent source never changes");
                        assertNotNull(done);
                    }
                }
            }
            assertEquals(0, debug.stats().detail("invalidFreesDetected") + debug.stats().detail("doubleFreesDetected"));
            debug.reset();
        }
        assertTrue(AllocationFailures.injected() - injectedBefore > 5, "failures were injected");
    }

    private static List<Long> contents(TransientVector<Long> t) {
        List<Long> l = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            l.add(t.getLong(i));
        }
        return l;
    }

    @Test
    void aTransientFreesEveryNodeItReplacesSoOnlyTheResultStaysAllocated() {
        try (DebugAllocator debug = debug(); ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentVector<Long> v;
            try (AllocatorScope s = CurrentAllocator.use(debug)) {
                TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
                for (long i = 0; i < 40_000; i++) {
                    t.appendLong(i);
                }
                for (int i = 0; i < 5_000; i++) {
                    t.pop();
                }
                t.setLong(3, -3);
                v = t.persistent();
            }
            RefusingAllocator counting = RefusingAllocator.over(arena);
            PersistentVector<Long> copy = v.copyTo(counting);
            assertEquals(v, copy);
            assertEquals(counting.allocations(), debug.stats().liveBlocks(),
                    "blocks the debug allocator still holds: exactly the result's nodes");
            debug.reset();
        }
    }

    /**
     * A root table that refuses a handle after the new node was allocated (here: closed while its
     * allocator lives on): the append or set throws and gives back every node it had made, on the
     * tail-only append (no operation register), the append that pushes a full tail, and a set's
     * path copy.
     */
    @ParameterizedTest(name = "{0} elements")
    @ValueSource(ints = {5, 32, 40, 1_100})
    void aRootTableThatRefusesAHandleLeavesNoNodeBehind(int n) {
        try (DebugAllocator debug = debug(); AllocatorScope s = CurrentAllocator.use(debug)) {
            PersistentVector<Object> v = objects(n);
            long live = debug.stats().liveBlocks();
            debug.roots().close();
            IllegalStateException append = assertThrows(IllegalStateException.class, () -> v.append("x"));
            assertTrue(append.getMessage().contains("closed"), append.getMessage());
            assertEquals(live, debug.stats().liveBlocks(), "the append gave back what it allocated");
            IllegalStateException set = assertThrows(IllegalStateException.class, () -> v.with(n / 2, "y"));
            assertTrue(set.getMessage().contains("closed"), set.getMessage());
            assertEquals(live, debug.stats().liveBlocks(), "the set gave back what it allocated");
        }
    }

    @Test
    void aByteLimitReachedInABulkUpdateLeavesEveryEarlierValueIntact() {
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(16 << 10).limit(256 << 10).build();
             AllocatorScope s = CurrentAllocator.use(arena)) {
            PersistentVector<Long> small = PersistentVector.empty(Codec.LONG).appendAll(range(2000));
            PersistentVector<Object> refs = objects(500);
            List<Object> refsModel = new ArrayList<>(refs);
            PersistentVector<Long> edited = small.withLong(5, -5);
            assertThrows(AllocationLimitExceededException.class, () -> small.appendAll(range(1_000_000)));
            assertThrows(AllocationLimitExceededException.class, () -> {
                PersistentVector<Long> v = edited;
                for (long i = 0; ; i++) {
                    v = v.appendLong(i);
                }
            });
            assertEquals(range(2000), small);
            assertEquals(refsModel, refs);
            assertEquals(-5L, edited.getLong(5));
            assertEquals(2000, edited.size());
            arena.reset();
            assertEquals(range(100), PersistentVector.empty(Codec.LONG).appendAll(range(100)), "usable after reset");
        }
    }

    /**
     * Under an arena, and under the debug allocator, which frees for real what transients
     * replace: with checked raw access, any read of a freed node would throw.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arena", "debug"})
    void randomizedModelAcrossResetsWithSurvivorsCopiedOut(String allocator) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        Random rnd = new Random(seed);
        List<PersistentVector<Long>> survivors = new ArrayList<>();
        List<List<Long>> survivorModels = new ArrayList<>();
        try (Allocator arena = allocator.equals("arena") ? ArenaAllocator.builder().chunkSize(64 << 10).build() : debug()) {
            for (int round = 0; round < 12; round++) {
                Codec<Long> codec = rnd.nextBoolean() ? Codec.LONG : Codec.object();
                // Start from a managed survivor half of the time: the arena then shares its nodes.
                int from = survivors.isEmpty() || rnd.nextBoolean() ? -1 : rnd.nextInt(survivors.size());
                PersistentVector<Long> v = from < 0 ? PersistentVector.empty(codec) : survivors.get(from);
                List<Long> model = from < 0 ? new ArrayList<>() : new ArrayList<>(survivorModels.get(from));
                List<PersistentVector<Long>> values = new ArrayList<>();
                List<List<Long>> models = new ArrayList<>();
                try (AllocatorScope s = CurrentAllocator.use(arena)) {
                    int steps = 500 + rnd.nextInt(3000);
                    for (int i = 0; i < steps; i++) {
                        int op = rnd.nextInt(100);
                        if (op < 55) {
                            long e = rnd.nextLong();
                            v = v.append(e);
                            model.add(e);
                        } else if (op < 70 && !model.isEmpty()) {
                            int k = rnd.nextInt(model.size());
                            long e = rnd.nextLong();
                            v = v.with(k, e);
                            model.set(k, e);
                        } else if (op < 80 && !model.isEmpty()) {
                            v = v.pop();
                            model.removeLast();
                        } else if (op < 82) {
                            List<Long> more = new ArrayList<>();
                            for (int j = rnd.nextInt(70); j > 0; j--) {
                                more.add(rnd.nextLong());
                            }
                            v = v.appendAll(more);
                            model.addAll(more);
                        } else if (op < 84 && !model.isEmpty()) {
                            int lo = rnd.nextInt(model.size());
                            int hi = lo + rnd.nextInt(model.size() - lo + 1);
                            PersistentVector<Long> slice = v.subList(lo, hi);
                            assertEquals(model.subList(lo, hi), slice, msg + "subList(" + lo + ", " + hi + ")");
                            if (rnd.nextBoolean()) {
                                // Go on from the slice: later edits, transients and copies start at its origin.
                                v = slice;
                                model = new ArrayList<>(model.subList(lo, hi));
                            }
                        } else if (op < 90) {
                            TransientVector<Long> t = v.asTransient();
                            int n = rnd.nextInt(100);
                            for (int j = 0; j < n; j++) {
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
                        } else if (!model.isEmpty()) {
                            int k = rnd.nextInt(model.size());
                            assertEquals(model.get(k), v.get(k), msg + "get(" + k + ")");
                        }
                        if (rnd.nextInt(200) == 0) {
                            values.add(v);
                            models.add(new ArrayList<>(model));
                        }
                    }
                    values.add(v);
                    models.add(model);
                    for (int i = 0; i < values.size(); i++) {
                        assertEquals(models.get(i), values.get(i), msg + "round " + round + " value " + i);
                    }
                }
                // Copy some values out with one copier; the others die with the reset.
                Copier out = Copier.toHeap();
                for (int i = 0; i < values.size(); i++) {
                    if (rnd.nextBoolean() || i == values.size() - 1) {
                        PersistentVector<Long> copy = out.copy(values.get(i));
                        assertEquals(models.get(i), copy, msg + "copy of value " + i);
                        survivors.add(copy);
                        survivorModels.add(models.get(i));
                    }
                }
                arena.reset();
                PersistentVector<Long> dead = values.getLast();
                if (dead.trie.allocator() != null) {
                    assertThrows(IllegalStateException.class, () -> dead.get(0), msg);
                }
                for (int i = 0; i < survivors.size(); i++) {
                    assertEquals(survivorModels.get(i), survivors.get(i), msg + "survivor " + i + " after reset");
                }
            }
        }
    }

    @Test
    void objectsReferencedOnlyFromNativeNodesSurviveCollectionsAndCopyOut() {
        int n = 20_000;
        List<WeakReference<Object>> weak = new ArrayList<>(n);
        PersistentVector<Object> copy;
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentVector<Object> v;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                TransientVector<Object> t = PersistentVector.of().asTransient();
                for (int i = 0; i < n; i++) {
                    Object o = new StringBuilder("object ").append(i);
                    weak.add(new WeakReference<>(o));
                    t.append(o);
                }
                v = t.persistent();
            }
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            for (int i = 0; i < n; i++) {
                assertNotNull(weak.get(i).get(), "object " + i + " collected while native nodes referred to it");
                assertSame(weak.get(i).get(), v.get(i));
            }
            copy = v.copyToHeap();
            arena.reset();
            assertEquals(0, arena.roots().size(), "the arena pins nothing after its reset");
            assertEquals(0, arena.stats().pinnedRoots());
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        for (int i = 0; i < n; i++) {
            assertNotNull(weak.get(i).get(), "object " + i + " collected although the copy refers to it");
            assertSame(weak.get(i).get(), copy.get(i));
        }
    }

    @Test
    void fourThreadsWithTheirOwnArenasWhileAFifthCollects() throws Exception {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        try (BackgroundCollector collector = BackgroundCollector.start();
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> results = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long workerSeed = seed + w;
                results.add(pool.submit(() -> {
                    Random rnd = new Random(workerSeed);
                    try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(32 << 10).build()) {
                        for (int round = 0; round < 3; round++) {
                            List<Object> model = new ArrayList<>();
                            PersistentVector<Object> v = PersistentVector.of();
                            PersistentVector<Object> copy;
                            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                                for (int i = 0; i < 10_000; i++) {
                                    Object e = rnd.nextBoolean() ? (Object) rnd.nextLong() : "s" + rnd.nextInt(1000);
                                    v = v.append(e);
                                    model.add(e);
                                    if (rnd.nextInt(10) == 0) {
                                        int k = rnd.nextInt(model.size());
                                        v = v.with(k, "w" + i);
                                        model.set(k, "w" + i);
                                    }
                                    if (rnd.nextInt(500) == 0) {
                                        // A slice from here on: the origin moves, the dropped part goes.
                                        int from = rnd.nextInt(model.size());
                                        v = v.subList(from, model.size());
                                        model = new ArrayList<>(model.subList(from, model.size()));
                                    }
                                }
                                copy = v.copyToHeap();
                            }
                            arena.reset();
                            assertEquals(model, copy, msg + "worker seed " + workerSeed + " round " + round);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        }
    }
}
