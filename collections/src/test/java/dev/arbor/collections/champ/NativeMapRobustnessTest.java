package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The map's and set's native format under stress: every allocation failure, byte limits,
 * randomized models across resets (with keys that collide), JVM collections and threads.
 */
class NativeMapRobustnessTest {

    /**
     * Keys of one scenario: ids are offset per scenario, because equal ids are equal keys while
     * scenarios hash them differently, and survivors of one round meet keys of the next.
     */
    private static Key key(HashScenario scenario, long i) {
        return scenario.key((scenario.ordinal() << 20) + i);
    }

    private static DebugAllocator debug() {
        return DebugAllocator.builder().leakDetection(LeakDetection.OFF).quarantineBytes(0).build();
    }

    @Test
    void everyMapOperationSurvivesEveryAllocationFailure() {
        long injectedBefore = AllocationFailures.injected();
        try (DebugAllocator debug = debug()) {
            RefusingAllocator failing = RefusingAllocator.over(debug);
            for (HashScenario scenario : new HashScenario[] {HashScenario.DISTINCT, HashScenario.PARTIAL_DEEP,
                    HashScenario.ONE_HASH}) {
                for (int size : new int[] {0, 1, 2, 3, 33, 200}) {
                    PersistentMap<Key, Object> m;
                    Map<Key, Object> model = new HashMap<>();
                    try (AllocatorScope s = CurrentAllocator.use(failing)) {
                        m = PersistentMap.of();
                        for (long i = 0; i < size; i++) {
                            m = m.plus(scenario.key(i), "v" + i);
                            model.put(scenario.key(i), "v" + i);
                        }
                    }
                    PersistentMap<Key, Object> v = m;
                    String at = scenario + " size " + size;
                    Runnable unchanged = () -> assertEquals(model, v, at + ": the old value changed");
                    List<Key> keys = new ArrayList<>(List.of(scenario.key(size), scenario.key(size + 1)));
                    if (size > 0) {
                        keys.add(scenario.key(0));
                        keys.add(scenario.key(size - 1));
                        keys.add(scenario.key(size / 2));
                    }
                    for (Key k : keys) {
                        Map<Key, Object> plus = new HashMap<>(model);
                        plus.put(k, "new");
                        assertEquals(plus, AllocationFailures.check(failing, "plus " + k + " at " + at, () -> v.plus(k, "new"), unchanged));
                        Map<Key, Object> minus = new HashMap<>(model);
                        minus.remove(k);
                        assertEquals(minus, AllocationFailures.check(failing, "minus " + k + " at " + at, () -> v.minus(k), unchanged));
                    }
                    Map<Key, Object> more = new HashMap<>();
                    for (long i = size; i < size + 40; i++) {
                        more.put(scenario.key(i), i);
                    }
                    Map<Key, Object> all = new HashMap<>(model);
                    all.putAll(more);
                    assertEquals(all, AllocationFailures.check(failing, "plusAll at " + at, () -> v.plusAll(more), unchanged));
                    List<Object> gone = new ArrayList<>(keys);
                    gone.add("not a key");
                    Map<Key, Object> without = new HashMap<>(model);
                    without.keySet().removeAll(gone);
                    assertEquals(without, AllocationFailures.check(failing, "minusAll at " + at, () -> v.minusAll(gone), unchanged));
                    // A set of keys, native in the same allocator: minusAll walks both tries by structure.
                    PersistentSet<Key> goneSet;
                    try (AllocatorScope s = CurrentAllocator.use(failing)) {
                        goneSet = PersistentSet.<Key>empty(Codec.object()).plusAll(keys);
                    }
                    Set<Key> goneModel = new HashSet<>(keys);
                    Map<Key, Object> withoutSet = new HashMap<>(model);
                    withoutSet.keySet().removeAll(goneModel);
                    assertEquals(withoutSet, AllocationFailures.check(failing, "minusAll by structure at " + at,
                            () -> v.minusAll(goneSet), () -> {
                                unchanged.run();
                                assertEquals(goneModel, goneSet, at + ": the argument changed");
                            }));
                    Map<Key, Object> onlySet = new HashMap<>(model);
                    onlySet.keySet().retainAll(goneModel);
                    assertEquals(onlySet, AllocationFailures.check(failing, "intersectKeys by structure at " + at,
                            () -> v.intersectKeys(goneSet), unchanged));
                    assertEquals(onlySet, AllocationFailures.check(failing, "intersectKeys at " + at,
                            () -> v.intersectKeys(goneModel), unchanged));
                    // A map of the same chain of native updates: plusAll joins the two tries by structure.
                    PersistentMap<Key, Object> other;
                    Map<Key, Object> otherModel = new HashMap<>(all);
                    try (AllocatorScope s = CurrentAllocator.use(failing)) {
                        other = v.plusAll(more);
                        if (size > 0) {
                            other = other.plus(scenario.key(0), "changed").minus(scenario.key(size - 1));
                            otherModel.put(scenario.key(0), "changed");
                            otherModel.remove(scenario.key(size - 1));
                        }
                    }
                    PersistentMap<Key, Object> o = other;
                    Map<Key, Object> union = new HashMap<>(model);
                    union.putAll(otherModel);
                    assertEquals(union, AllocationFailures.check(failing, "plusAll by structure at " + at, () -> v.plusAll(o),
                            () -> {
                                unchanged.run();
                                assertEquals(otherModel, o, at + ": the argument changed");
                            }));
                    // Another lineage in the same allocator, and a managed map: joined by structure too.
                    PersistentMap<Key, Object> apart;
                    try (AllocatorScope s = CurrentAllocator.use(failing)) {
                        apart = PersistentMap.<Key, Object>of().plusAll(otherModel);
                    }
                    PersistentMap<Key, Object> managedOther = PersistentMap.<Key, Object>of().plusAll(otherModel);
                    for (PersistentMap<Key, Object> arg : List.of(apart, managedOther)) {
                        String how = arg == apart ? "another lineage" : "a managed map";
                        assertEquals(union, AllocationFailures.check(failing, "plusAll of " + how + " at " + at, () -> v.plusAll(arg),
                                () -> {
                                    unchanged.run();
                                    assertEquals(otherModel, arg, at + ": the argument changed");
                                }));
                    }
                    try (ArenaAllocator arena = ArenaAllocator.create()) {
                        PersistentMap<Key, Object> elsewhere;
                        try (AllocatorScope s = CurrentAllocator.use(arena)) {
                            elsewhere = PersistentMap.<Key, Object>of().plusAll(model);
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
            for (HashScenario scenario : new HashScenario[] {HashScenario.DISTINCT, HashScenario.PARTIAL_DEEP}) {
                for (int size : new int[] {1, 2, 40, 200}) {
                    PersistentSet<Key> base;
                    try (AllocatorScope s = CurrentAllocator.use(failing)) {
                        TransientSet<Key> t = PersistentSet.<Key>empty(Codec.object()).asTransient();
                        for (long i = 0; i < size; i++) {
                            t.add(scenario.key(i));
                        }
                        base = t.persistent();
                    }
                    Set<Key> baseModel = new HashSet<>(base);
                    List<UnaryOperator<TransientSet<Key>>> ops = List.of(
                            t -> t.add(scenario.key(size)), t -> t.add(scenario.key(size + 1)),
                            t -> t.remove(scenario.key(0)), t -> t.remove(scenario.key(size - 1)),
                            t -> t.remove(scenario.key(size / 2)));
                    for (int o = 0; o < ops.size(); o++) {
                        for (boolean warm : new boolean[] {false, true}) {
                            TransientSet<Key> t;
                            Set<Key> model = new HashSet<>(baseModel);
                            try (AllocatorScope s = CurrentAllocator.use(failing)) {
                                t = base.asTransient();
                                if (warm) {
                                    for (long i = 0; i < size; i += 3) {
                                        t.remove(scenario.key(i)).add(scenario.key(i));
                                    }
                                    t.add(scenario.key(-1));
                                    model.add(scenario.key(-1));
                                }
                            }
                            String at = scenario + " op " + o + (warm ? " (warm)" : "") + " at size " + size;
                            UnaryOperator<TransientSet<Key>> op = ops.get(o);
                            AllocationFailures.check(failing, at, () -> op.apply(t), () -> {
                                assertEquals(model.size(), t.size(), at);
                                for (Key k : model) {
                                    assertEquals(true, t.contains(k), at + ": lost " + k);
                                }
                            });
                            PersistentSet<Key> done = AllocationFailures.check(failing, "persistent() after " + at, t::persistent, () -> { });
                            assertEquals(baseModel, base, "the persistent source never changes");
                            assertEquals(done.size(), new HashSet<>(done).size());
                        }
                    }
                }
            }
            assertEquals(0, debug.stats().detail("invalidFreesDetected") + debug.stats().detail("doubleFreesDetected"));
            debug.reset();
        }
        assertTrue(AllocationFailures.injected() - injectedBefore > 5, "failures were injected");
    }

    @Test
    void everyTransientMapOperationSurvivesEveryAllocationFailure() {
        long injectedBefore = AllocationFailures.injected();
        try (DebugAllocator debug = debug()) {
            RefusingAllocator failing = RefusingAllocator.over(debug);
            for (int size : new int[] {1, 3, 100}) {
                PersistentMap<Key, Object> base;
                try (AllocatorScope s = CurrentAllocator.use(failing)) {
                    base = PersistentMap.of();
                    for (long i = 0; i < size; i++) {
                        base = base.plus(HashScenario.PARTIAL_MIDDLE.key(i), i);
                    }
                }
                Map<Key, Object> baseModel = new HashMap<>(base);
                List<UnaryOperator<TransientMap<Key, Object>>> ops = List.of(
                        t -> t.put(HashScenario.PARTIAL_MIDDLE.key(size), "new"),
                        t -> t.put(HashScenario.PARTIAL_MIDDLE.key(0), "replaced"),
                        t -> t.remove(HashScenario.PARTIAL_MIDDLE.key(size - 1)));
                for (int o = 0; o < ops.size(); o++) {
                    UnaryOperator<TransientMap<Key, Object>> op = ops.get(o);
                    TransientMap<Key, Object> t;
                    try (AllocatorScope s = CurrentAllocator.use(failing)) {
                        t = base.asTransient();
                        t.put(HashScenario.PARTIAL_MIDDLE.key(-1), "warm");
                    }
                    Map<Key, Object> model = new HashMap<>(baseModel);
                    model.put(HashScenario.PARTIAL_MIDDLE.key(-1), "warm");
                    String at = "op " + o + " at size " + size;
                    AllocationFailures.check(failing, at, () -> op.apply(t), () -> {
                        assertEquals(model.size(), t.size(), at);
                        for (Map.Entry<Key, Object> e : model.entrySet()) {
                            assertEquals(e.getValue(), t.get(e.getKey()), at + ": changed " + e.getKey());
                        }
                    });
                    AllocationFailures.check(failing, "persistent() after " + at, t::persistent, () -> { });
                    assertEquals(baseModel, base, "the persistent source never changes");
                }
            }
            debug.reset();
        }
        assertTrue(AllocationFailures.injected() - injectedBefore > 5, "failures were injected");
    }

    @Test
    void aTransientFreesEveryNodeItReplacesSoOnlyTheResultStaysAllocated() {
        try (DebugAllocator debug = debug(); ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<Key, Object> m;
            try (AllocatorScope s = CurrentAllocator.use(debug)) {
                TransientMap<Key, Object> t = PersistentMap.<Key, Object>of().asTransient();
                for (long i = 0; i < 3000; i++) {
                    t.put(HashScenario.PARTIAL_MIDDLE.key(i), i);
                }
                for (long i = 0; i < 3000; i += 3) {
                    t.remove(HashScenario.PARTIAL_MIDDLE.key(i));
                    t.put(HashScenario.PARTIAL_MIDDLE.key(i + 1), "replaced");
                }
                m = t.persistent();
            }
            // Copying counts the result's nodes: each native node once.
            RefusingAllocator counting = RefusingAllocator.over(arena);
            PersistentMap<Key, Object> copy = m.copyTo(counting);
            assertEquals(m, copy);
            assertEquals(counting.allocations(), debug.stats().liveBlocks(),
                    "blocks the debug allocator still holds: exactly the result's nodes");
            debug.reset();
        }
    }

    @Test
    void aByteLimitReachedInABulkUpdateLeavesEveryEarlierValueIntact() {
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(16 << 10).limit(512 << 10).build();
             AllocatorScope s = CurrentAllocator.use(arena)) {
            TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            Map<Long, Long> smallModel = new HashMap<>();
            for (long i = 0; i < 1000; i++) {
                t.putLong(i, i);
                smallModel.put(i, i);
            }
            PersistentMap<Long, Long> small = t.persistent().plusLong(-1, -1).minusLong(-1);
            PersistentSet<String> words = PersistentSet.of("a", "b", "c").plusAll(List.of("d", "e"));
            PersistentMap<Long, Long> before = small;
            Map<Long, Long> big = new HashMap<>();
            for (long i = 0; i < 200_000; i++) {
                big.put(i, -i);
            }
            assertThrows(AllocationLimitExceededException.class, () -> before.plusAll(big));
            assertThrows(AllocationLimitExceededException.class, () -> {
                PersistentMap<Long, Long> m = before;
                for (long i = 0; ; i++) {
                    m = m.plusLong(i + 1_000_000, i);
                }
            });
            assertEquals(smallModel, before);
            assertEquals(Set.of("a", "b", "c", "d", "e"), words);
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
        List<PersistentMap<Key, Long>> survivors = new ArrayList<>();
        List<Map<Key, Long>> survivorModels = new ArrayList<>();
        List<PersistentSet<Long>> setSurvivors = new ArrayList<>();
        List<Set<Long>> setModels = new ArrayList<>();
        try (Allocator arena = allocator.equals("arena") ? ArenaAllocator.builder().chunkSize(64 << 10).build() : debug()) {
            for (int round = 0; round < 12; round++) {
                HashScenario scenario = HashScenario.values()[rnd.nextInt(HashScenario.values().length)];
                int from = survivors.isEmpty() || rnd.nextBoolean() ? -1 : rnd.nextInt(survivors.size());
                PersistentMap<Key, Long> m = from < 0 ? PersistentMap.of() : survivors.get(from);
                Map<Key, Long> model = from < 0 ? new HashMap<>() : new HashMap<>(survivorModels.get(from));
                PersistentSet<Long> set = setSurvivors.isEmpty() ? PersistentSet.empty(Codec.LONG) : setSurvivors.getLast();
                Set<Long> setModel = setSurvivors.isEmpty() ? new HashSet<>() : new HashSet<>(setModels.getLast());
                List<PersistentMap<Key, Long>> values = new ArrayList<>();
                List<Map<Key, Long>> models = new ArrayList<>();
                int keySpace = Math.min(scenario.maxSize, 600);
                try (AllocatorScope s = CurrentAllocator.use(arena)) {
                    int steps = 300 + rnd.nextInt(1500);
                    for (int i = 0; i < steps; i++) {
                        int op = rnd.nextInt(100);
                        Key k = key(scenario, rnd.nextInt(keySpace));
                        long sk = rnd.nextInt(2000);
                        if (op < 40) {
                            long val = rnd.nextLong();
                            m = m.plus(k, val);
                            model.put(k, val);
                            set = set.plusLong(sk);
                            setModel.add(sk);
                        } else if (op < 60) {
                            m = m.minus(k);
                            model.remove(k);
                            set = set.minusLong(sk);
                            setModel.remove(sk);
                        } else if (op < 63) {
                            Map<Key, Long> more = new HashMap<>();
                            for (int j = rnd.nextInt(40); j > 0; j--) {
                                more.put(key(scenario, rnd.nextInt(keySpace)), rnd.nextLong());
                            }
                            m = m.plusAll(more);
                            model.putAll(more);
                        } else if (op < 65) {
                            assertEquals(model, new HashMap<>(m), msg + "iteration");
                            assertEquals(setModel, new HashSet<>(set), msg + "set iteration");
                        } else if (op < 75) {
                            TransientMap<Key, Long> t = m.asTransient();
                            TransientSet<Long> ts = set.asTransient();
                            int n = rnd.nextInt(80);
                            for (int j = 0; j < n; j++) {
                                Key tk = key(scenario, rnd.nextInt(keySpace));
                                long tsk = rnd.nextInt(2000);
                                if (rnd.nextInt(3) > 0) {
                                    long val = rnd.nextLong();
                                    t.put(tk, val);
                                    model.put(tk, val);
                                    ts.addLong(tsk);
                                    setModel.add(tsk);
                                } else {
                                    t.remove(tk);
                                    model.remove(tk);
                                    ts.removeLong(tsk);
                                    setModel.remove(tsk);
                                }
                            }
                            assertEquals(model.size(), t.size(), msg + "transient size");
                            m = t.persistent();
                            set = ts.persistent();
                        } else {
                            assertEquals(model.get(k), m.get(k), msg + "get(" + k + ")");
                            assertEquals(setModel.contains(sk), set.containsLong(sk), msg + "contains(" + sk + ")");
                        }
                        if (rnd.nextInt(150) == 0) {
                            values.add(m);
                            models.add(new HashMap<>(model));
                        }
                    }
                    values.add(m);
                    models.add(model);
                    for (int i = 0; i < values.size(); i++) {
                        assertEquals(models.get(i), values.get(i), msg + "round " + round + " value " + i);
                        assertEquals(models.get(i).hashCode(), values.get(i).hashCode(), msg + "hashCode");
                    }
                    assertEquals(setModel, set, msg + "set in round " + round);
                }
                Copier out = Copier.toHeap();
                for (int i = 0; i < values.size(); i++) {
                    if (rnd.nextBoolean() || i == values.size() - 1) {
                        PersistentMap<Key, Long> copy = out.copy(values.get(i));
                        assertEquals(models.get(i), copy, msg + "copy of value " + i);
                        survivors.add(copy);
                        survivorModels.add(models.get(i));
                    }
                }
                setSurvivors.add(out.copy(set));
                setModels.add(setModel);
                arena.reset();
                for (int i = 0; i < survivors.size(); i++) {
                    assertEquals(survivorModels.get(i), survivors.get(i), msg + "survivor " + i + " after reset");
                }
                assertEquals(setModel, setSurvivors.getLast(), msg + "set survivor");
            }
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
                            Map<Object, Object> model = new HashMap<>();
                            PersistentMap<Object, Object> copy;
                            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                                TransientMap<Object, Object> t = PersistentMap.of().asTransient();
                                for (int i = 0; i < 10_000; i++) {
                                    Object k = rnd.nextBoolean() ? (Object) (long) rnd.nextInt(5000) : "s" + rnd.nextInt(5000);
                                    if (rnd.nextInt(5) == 0) {
                                        t.remove(k);
                                        model.remove(k);
                                    } else {
                                        Object v = "v" + i;
                                        t.put(k, v);
                                        model.put(k, v);
                                    }
                                }
                                copy = t.persistent().copyToHeap();
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

    /**
     * The arena's root table is reachable by anyone ({@code Allocator.roots()}). Code that
     * releases the roots a live native map uses gets exceptions from the map from then on, never
     * another object: the table refuses handles from before its last release of everything. Values
     * made after the arena's next reset work as usual.
     */
    @Test
    void releasingAnArenasRootsUnderALiveMapMakesItsReadsThrow() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<String, String> m;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                m = PersistentMap.empty(Codec.<String>object(), Codec.<String>object());
                for (int i = 0; i < 100; i++) {
                    m = m.plus("key " + i, "value " + i);
                }
            }
            assertEquals("value 7", m.get("key 7"));
            arena.roots().releaseAll();
            PersistentMap<String, String> released = m;
            assertThrows(IllegalArgumentException.class, () -> released.get("key 7"));
            assertThrows(IllegalArgumentException.class, () -> released.containsValue("value 7"));
            arena.reset();
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                PersistentMap<String, String> again = PersistentMap.<String, String>empty(Codec.object(), Codec.object()).plus("k", "v");
                assertEquals("v", again.get("k"));
            }
        }
    }
}
