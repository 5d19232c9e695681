package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.FailingAllocator;
import dev.arbor.debug.DebugAllocator;
import dev.arbor.debug.LeakDetection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A managed transient that starts empty buffers its puts and builds the trie in one pass at the
 * first other call: the result must be exactly what one put after another makes (contents, last
 * put wins, canonical shape), also when the build makes native nodes (the buffer meets a native
 * allocator), and a failure while building must change nothing. Native transients never buffer.
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
            FailingAllocator failing = new FailingAllocator(debug);
            for (HashScenario scenario : new HashScenario[] {HashScenario.DISTINCT, HashScenario.PARTIAL_DEEP}) {
                int size = Math.min(scenario.maxSize, 300);
                for (int k = 1; ; k++) {
                    Map<Key, Object> model = new HashMap<>();
                    TransientMap<Key, Object> t;
                    long liveBefore = debug.stats().liveBlocks();
                    // Buffered without an allocator, built in the failing native one.
                    t = PersistentMap.<Key, Object>of().asTransient();
                    for (long i = 0; i < size; i++) {
                        t.put(scenario.key(i), "v" + i);
                        t.put(scenario.key(i / 2), "w" + i);
                        model.put(scenario.key(i), "v" + i);
                        model.put(scenario.key(i / 2), "w" + i);
                    }
                    try (AllocatorScope scope = CurrentAllocator.use(failing)) {
                        failing.failAt(k);
                        try {
                            t.size();
                        } catch (AllocationFailedException e) {
                            injected++;
                            failing.disarm();
                            assertEquals(liveBefore, debug.stats().liveBlocks(),
                                    scenario + ": blocks left allocated after refusing allocation #" + k);
                            // The puts are still there: the next call builds the trie from all of them.
                            assertNativeMapEquals(model, t.persistent(), scenario + " after failure #" + k);
                            debug.reset();
                            continue;
                        }
                        failing.disarm();
                        assertNativeMapEquals(model, t.persistent(), scenario.toString());
                        debug.reset();
                        break;
                    }
                }
            }
        }
        assertEquals(true, injected > 10, "failures were injected: " + injected);
    }

    @Test
    void aNativeTransientDoesNotBufferItsPuts() {
        try (ArenaAllocator arena = ArenaAllocator.builder().build();
             AllocatorScope scope = CurrentAllocator.use(arena)) {
            var t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            long before = arena.stats().blocksAllocated();
            t.putLong(1, 1);
            assertEquals(before + 1, arena.stats().blocksAllocated(), "the put made its node at once");
            var managedFirst = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            try (AllocatorScope none = CurrentAllocator.useDefault()) {
                managedFirst.putLong(1, 1).putLong(2, 2);
            }
            long beforeMixed = arena.stats().blocksAllocated();
            managedFirst.putLong(3, 3);
            assertEquals(true, arena.stats().blocksAllocated() > beforeMixed,
                    "meeting the arena, the transient applies its buffer and edits node by node");
            assertEquals(Map.of(1L, 1L, 2L, 2L, 3L, 3L), managedFirst.persistent());
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
