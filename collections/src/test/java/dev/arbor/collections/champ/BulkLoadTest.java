package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.RefusingAllocator;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.debug.DebugAllocator;
import dev.arbor.debug.LeakDetection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A transient that starts empty buffers its puts and builds the trie in one pass at the first
 * other call: the result must be exactly what one put after another makes (contents, last put
 * wins, canonical shape), in both formats, from a buffer on the heap or in native memory, and a
 * failure while buffering or building must change nothing and leak nothing.
 */
class BulkLoadTest {
    private static final long SEED = Long.getLong("arbor.test.seed", 3);

    @Test
    void bulkBuiltMapsEqualTheirModelAndHaveTheCanonicalShapeInEveryScenario() {
        Random random = new Random(SEED);
        for (HashScenario scenario : HashScenario.values()) {
            for (int size : new int[] {1, 2, 3, 33, 1_000, Math.min(scenario.maxSize, 20_000)}) {
                String at = scenario + " size " + size + " seed " + SEED;
                Map<Key, Long> model = new HashMap<>();
                TransientMap<Key, Long> t = PersistentMap.<Key, Long>empty(Codec.object(), Codec.LONG).asTransient();
                PersistentMap<Key, Long> stepwise = PersistentMap.empty(Codec.object(), Codec.LONG);
                for (int i = 0; i < size; i++) {
                    // About one put in four repeats an earlier key: the last put must win.
                    Key k = scenario.key(random.nextInt(4) == 0 && i > 0 ? random.nextInt(i) : i);
                    long v = random.nextLong();
                    t.put(k, v);
                    stepwise = stepwise.plus(k, v);
                    model.put(k, v);
                }
                PersistentMap<Key, Long> bulk = t.persistent();
                PersistentMapModelTest.assertMapEquals(model, bulk, at);
                TrieShape shape = TrieShape.of(bulk);
                TrieShape expected = TrieShape.of(stepwise);
                assertEquals(expected.nodes, shape.nodes, at + ": canonical node count");
                assertEquals(expected.collisionNodes, shape.collisionNodes, at + ": canonical collision nodes");
                assertEquals(expected.maxDepth, shape.maxDepth, at + ": canonical depth");
            }
        }
    }

    @Test
    void bulkBuiltLongMapsAndSetsMatchTheirModelsManagedAndNative() {
        Random random = new Random(SEED);
        long[] keys = new long[50_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 7 == 0 && i > 0 ? keys[random.nextInt(i)] : random.nextLong();
        }
        for (boolean loadInArena : new boolean[] {false, true}) {
            try (ArenaAllocator arena = ArenaAllocator.builder().build()) {
                Map<Long, Long> model = new HashMap<>();
                Set<Long> setModel = new HashSet<>();
                var map = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                var set = PersistentSet.empty(Codec.LONG).asTransient();
                for (int i = 0; i < keys.length; i++) {
                    map.putLong(keys[i], i);
                    set.addLong(keys[i]);
                    model.put(keys[i], (long) i);
                    setModel.add(keys[i]);
                }
                // The buffered puts become nodes of the format of the first other call.
                AllocatorScope scope = loadInArena ? CurrentAllocator.use(arena) : null;
                assertEquals(model.size(), map.size(), "size() applies the buffered puts");
                assertEquals(setModel.size(), set.size());
                map.putLong(1, 1).removeLong(1);
                PersistentMap<Long, Long> m = map.persistent();
                PersistentSet<Long> s = set.persistent();
                if (scope != null) {
                    scope.close();
                }
                assertNativeMapEquals(model, m, "loaded in arena: " + loadInArena + ", seed " + SEED);
                assertEquals(setModel, s);
                assertEquals(s, setModel);
                assertEquals(loadInArena, m.trie.allocator() != null, "the nodes are native exactly when loaded under the arena");
            }
        }
    }

    @Test
    void aFailureWhileBuildingChangesNothingAndLeaksNoBlock() {
        long injected = 0;
        try (DebugAllocator debug = DebugAllocator.builder().leakDetection(LeakDetection.OFF).quarantineBytes(0).build()) {
            RefusingAllocator failing = RefusingAllocator.over(debug);
            for (HashScenario scenario : new HashScenario[] {HashScenario.DISTINCT, HashScenario.PARTIAL_DEEP}) {
                int size = Math.min(scenario.maxSize, 300);
                Map<Key, Object> model = new HashMap<>();
                // Buffered without an allocator, built in the failing native one.
                injected += checkEveryBuildFailure(debug, failing, scenario.toString(), model, () -> {
                    TransientMap<Key, Object> t = PersistentMap.<Key, Object>of().asTransient();
                    for (long i = 0; i < size; i++) {
                        t.put(scenario.key(i), "v" + i);
                        t.put(scenario.key(i / 2), "w" + i);
                        model.put(scenario.key(i), "v" + i);
                        model.put(scenario.key(i / 2), "w" + i);
                    }
                    return t;
                });
            }
        }
        assertEquals(true, injected > 10, "failures were injected: " + injected);
    }

    /** The same for a buffer in native memory: the scratch goes back, the nodes are rolled back. */
    @Test
    void aFailureWhileBuildingFromANativeBufferChangesNothingAndLeaksNoBlock() {
        long injected = 0;
        try (DebugAllocator debug = DebugAllocator.builder().leakDetection(LeakDetection.OFF).quarantineBytes(0).build()) {
            RefusingAllocator failing = RefusingAllocator.over(debug);
            for (int size : new int[] {1, 2, 9, 300}) {
                Map<Long, Long> model = new HashMap<>();
                injected += checkEveryBuildFailure(debug, failing, "size " + size, model, () -> {
                    try (AllocatorScope scope = CurrentAllocator.use(failing)) {
                        var t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                        for (long i = 0; i < size; i++) {
                            t.putLong(partialDeep(i), i).putLong(partialDeep(i / 2), -i);
                            model.put(partialDeep(i), i);
                            model.put(partialDeep(i / 2), -i);
                        }
                        return t;
                    }
                });
            }
        }
        assertEquals(true, injected > 10, "failures were injected: " + injected);
    }

    /**
     * For k = 1, 2, ...: fills a new transient ({@code filled}, which also fills {@code model}),
     * then builds it in {@code failing} with allocation k refused, until a build succeeds. After
     * each failure the debug allocator holds what it held before, and the transient still has
     * every put. Returns the number of failures.
     */
    private static <K, V> long checkEveryBuildFailure(DebugAllocator debug, RefusingAllocator failing, String what,
                                                      Map<K, V> model, Supplier<TransientMap<K, V>> filled) {
        for (int k = 1; ; k++) {
            model.clear();
            TransientMap<K, V> t = filled.get();
            long liveBefore = debug.stats().liveBlocks();
            try (AllocatorScope scope = CurrentAllocator.use(failing)) {
                failing.refuseFrom(k);
                try {
                    t.size();
                } catch (AllocationFailedException e) {
                    failing.allowAll();
                    assertEquals(liveBefore, debug.stats().liveBlocks(), what + ": blocks left allocated after refusing allocation #" + k);
                    // The puts are still there: the next call builds the trie from all of them.
                    assertNativeMapEquals(model, t.persistent(), what + " after failure #" + k);
                    debug.reset();
                    continue;
                }
                failing.allowAll();
                assertNativeMapEquals(model, t.persistent(), what);
                debug.reset();
                return k - 1;
            }
        }
    }

    /** Long keys whose hashes share their low 30 bits: deep paths, collisions (see {@link HashScenario#PARTIAL_DEEP}). */
    private static long partialDeep(long id) {
        return PersistentMapModelTest.longKey(HashScenario.PARTIAL_DEEP, id);
    }

    @Test
    void aNativeTransientBuffersInItsAllocatorAndGivesTheBufferBack() {
        try (DebugAllocator debug = DebugAllocator.builder().leakDetection(LeakDetection.OFF).quarantineBytes(0).build();
             ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<Long, Long> m;
            Map<Long, Long> model = new HashMap<>();
            try (AllocatorScope scope = CurrentAllocator.use(debug)) {
                var t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                long before = debug.stats().blocksAllocated();
                t.putLong(1, 1);
                assertEquals(before + 1, debug.stats().blocksAllocated(), "the first put makes the buffer, no node");
                Random random = new Random(SEED);
                for (int i = 0; i < 5_000; i++) {
                    long k = random.nextLong();
                    t.putLong(k, i);
                    model.put(k, (long) i);
                }
                model.put(1L, 1L);
                m = t.persistent();
            }
            assertNativeMapEquals(model, m, "native bulk build");
            PersistentSet<Long> set;
            try (AllocatorScope scope = CurrentAllocator.use(debug)) {
                var t = PersistentSet.empty(Codec.LONG).asTransient();
                for (long k : model.keySet()) {
                    t.addLong(k).addLong(k);
                }
                set = t.persistent();
            }
            assertEquals(model.keySet(), set, "a native set buffers one word per element");
            assertEquals(set, model.keySet());
            assertEquals(true, set.trie.allocator() != null);
            // Copying counts the results' nodes: the buffers and the scratch went back to the allocator.
            RefusingAllocator counting = RefusingAllocator.over(arena);
            assertEquals(m, m.copyTo(counting));
            assertEquals(set, set.copyTo(counting));
            assertEquals(counting.allocations(), debug.stats().liveBlocks(), "only the map's nodes stay allocated");
            debug.reset();
        }
    }

    @Test
    void aNativeTransientWithObjectKeysEditsNodeByNode() {
        try (ArenaAllocator arena = ArenaAllocator.builder().build();
             AllocatorScope scope = CurrentAllocator.use(arena)) {
            TransientMap<String, Long> t = PersistentMap.<String, Long>empty(Codec.object(), Codec.LONG).asTransient();
            long before = arena.stats().blocksAllocated();
            t.put("a", 1L);
            assertEquals(before + 1, arena.stats().blocksAllocated(), "native memory cannot buffer JVM references");
            var managedFirst = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            try (AllocatorScope none = CurrentAllocator.useDefault()) {
                managedFirst.putLong(1, 1).putLong(2, 2);
            }
            managedFirst.putLong(3, 3);
            assertEquals(Map.of(1L, 1L, 2L, 2L, 3L, 3L), managedFirst.persistent(),
                    "a heap buffer meeting the arena becomes native nodes, then edits go node by node");
        }
    }

    @Test
    void aNativeBufferThatCannotGrowFailsThePutAndKeepsThePreviousPuts() {
        try (DebugAllocator debug = DebugAllocator.builder().leakDetection(LeakDetection.OFF).quarantineBytes(0).build()) {
            RefusingAllocator failing = RefusingAllocator.over(debug);
            Map<Long, Long> model = new HashMap<>();
            long injected = 0;
            try (AllocatorScope scope = CurrentAllocator.use(failing)) {
                var t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (long i = 0; i < 1_000; i++) {
                    // Refuse the next allocation: the puts that need the buffer to grow fail once.
                    failing.refuseFrom(1);
                    try {
                        t.putLong(i * 0x9E3779B97F4A7C15L, i);
                        failing.allowAll();
                    } catch (AllocationFailedException e) {
                        failing.allowAll();
                        injected++;
                        t.putLong(i * 0x9E3779B97F4A7C15L, i);
                    }
                    model.put(i * 0x9E3779B97F4A7C15L, i);
                }
                assertEquals(model.size(), t.size());
                assertNativeMapEquals(model, t.persistent(), "after refused growths");
            }
            assertEquals(true, injected >= 4, "the buffer grew several times: " + injected);
            debug.reset();
        }
    }

    @Test
    void aTransientFilledUnderAnArenaCannotBuildOutsideIt() {
        try (ArenaAllocator arena = ArenaAllocator.builder().build()) {
            TransientMap<Long, Long> t;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                t.putLong(1, 2).putLong(3, 4);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, t::persistent);
            assertEquals(true, e.getMessage().contains(arena.name()), e.getMessage());
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                assertEquals(Map.of(1L, 2L, 3L, 4L), t.persistent());
            }
        }
    }

    /** The model checks of {@link PersistentMapModelTest#assertMapEquals}, for a map that may be native. */
    private static <K, V> void assertNativeMapEquals(Map<K, V> model, PersistentMap<K, V> m, String msg) {
        assertEquals(model.size(), m.size(), msg + " size");
        assertEquals(model, m, msg);
        assertEquals(m, model, msg);
        // The copy has the same shape, and TrieShape walks managed tries.
        PersistentMapModelTest.assertMapEquals(model, m.copyToHeap(), msg);
    }
}
