package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.RefusingAllocator;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.arena.ResetMode;
import dev.arbor.collections.Copier;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.collections.vector.TransientVector;
import dev.arbor.junit.ArborExtension;
import dev.arbor.junit.WithAllocator;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The map's and set's native format: routing under an arena, the direction rule, temporal safety,
 * copy-out, transients bound to their arena, and the seed's arena failures.
 */
class NativeMapTest {

    private static PersistentMap<Long, Long> longMap(long n) {
        TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        for (long i = 0; i < n; i++) {
            t.putLong(i, i * 3);
        }
        return t.persistent();
    }

    private static Map<Long, Long> longModel(long n) {
        Map<Long, Long> m = new HashMap<>();
        for (long i = 0; i < n; i++) {
            m.put(i, i * 3);
        }
        return m;
    }

    @Test
    void everyNewNodeUnderAnArenaIsNativeAndCountedByADecorator() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            RefusingAllocator counting = RefusingAllocator.over(arena);
            PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG);
            PersistentSet<String> s;
            try (AllocatorScope scope = CurrentAllocator.use(counting)) {
                for (long i = 0; i < 500; i++) {
                    m = m.plusLong(i, i * 3);
                }
                s = PersistentSet.of("a", "b", "c").plus("d").minus("a");
            }
            assertEquals(longModel(500), m);
            assertEquals(Set.of("b", "c", "d"), s);
            // The decorator also numbers managed nodes, which never reach the arena: there were none.
            assertEquals(arena.stats().blocksAllocated(), counting.allocations(), "every node is native, from the arena");
            assertTrue(counting.allocations() >= 503);
        }
    }

    @Test
    void nativeMapIsReadableOutsideItsScopeButNotUpdatable() {
        try (ArenaAllocator arena = ArenaAllocator.builder().name("maps").build()) {
            PersistentMap<Long, Long> m;
            PersistentSet<Object> s;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                m = longMap(1000);
                s = PersistentSet.of("x", 1, 2.5);
            }
            assertEquals(longModel(1000), m);
            assertEquals(999 * 3, m.getLong(999));
            assertTrue(s.contains(2.5));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.plusLong(1, 1));
            assertTrue(e.getMessage().contains("'maps'") && e.getMessage().contains("CurrentAllocator.use"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> m.minusLong(1));
            assertThrows(IllegalStateException.class, () -> s.plus("y"));
            assertThrows(IllegalStateException.class, () -> m.plusAll(Map.of(1L, 2L)));
            // By structure (a persistent set of its keys) or key by key, the same refusal.
            PersistentSet<Long> someKeys = PersistentSet.ofLongs(1, 2, 3);
            e = assertThrows(IllegalStateException.class, () -> m.minusAll(someKeys));
            assertTrue(e.getMessage().contains("'maps'"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> m.intersectKeys(someKeys));
            assertThrows(IllegalStateException.class, () -> m.minusAll(List.of(1L)));
            assertThrows(IllegalStateException.class, () -> m.intersectKeys(List.of(1L)));
            assertThrows(IllegalStateException.class, () -> s.minusAll(Set.of("x")));
            assertThrows(IllegalStateException.class, () -> s.intersect(Set.of("x")));
            // Read-only work still runs: a managed map filtered by this native map's keys.
            PersistentMap<Long, Long> managed = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG)
                    .plusLong(5, 5).plusLong(-5, -5);
            assertEquals(Map.of(-5L, -5L), managed.minusAll(m.keySet()));
            assertEquals(Map.of(5L, 5L), managed.intersectKeys(m.keySet()));
            assertEquals(longModel(1000), m, "failed updates changed nothing");
        }
    }

    @Test
    void managedMapUpdatedUnderAnArenaSharesItsManagedNodes() {
        PersistentMap<Long, Long> managed = longMap(10_000);
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            RefusingAllocator counting = RefusingAllocator.over(arena);
            PersistentMap<Long, Long> m;
            try (AllocatorScope scope = CurrentAllocator.use(counting)) {
                m = managed.plusLong(5, -5);
            }
            assertTrue(counting.allocations() <= 4, "only the path to the key is new: " + counting.allocations());
            assertTrue(arena.roots().size() > 0, "untouched managed subtrees are shared through roots");
            Map<Long, Long> expected = longModel(10_000);
            expected.put(5L, -5L);
            assertEquals(expected, m);
            assertEquals(longModel(10_000), managed);
        }
    }

    @Test
    void everyUseAfterResetOrCloseThrowsAndCopiesSurvive() {
        ArenaAllocator arena = ArenaAllocator.create();
        PersistentMap<Long, Long> m;
        PersistentSet<String> s;
        PersistentMap<Long, Long> keptMap;
        PersistentSet<String> keptSet;
        try (AllocatorScope scope = CurrentAllocator.use(arena)) {
            m = longMap(3000);
            s = PersistentSet.<String>empty(Codec.object()).plusAll(List.of("p", "q", "r"));
            Copier out = Copier.toHeap();
            keptMap = out.copy(m);
            keptSet = out.copy(s);
        }
        arena.reset();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.getLong(1));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> m.get(1L));
        assertThrows(IllegalStateException.class, () -> m.containsKey(1L));
        assertThrows(IllegalStateException.class, m::size);
        // The views answer nothing either, not even their size.
        assertThrows(IllegalStateException.class, () -> m.keySet().size());
        assertThrows(IllegalStateException.class, () -> m.values().size());
        assertThrows(IllegalStateException.class, () -> m.entrySet().isEmpty());
        assertThrows(IllegalStateException.class, () -> m.entrySet().size());
        assertThrows(IllegalStateException.class, m::hashCode);
        assertThrows(IllegalStateException.class, () -> m.entrySet().iterator().next());
        assertThrows(IllegalStateException.class, m::copyToHeap);
        assertThrows(IllegalStateException.class, m::asTransient);
        assertThrows(IllegalStateException.class, () -> s.contains("p"));
        assertThrows(IllegalStateException.class, () -> s.iterator().next());
        // A reset set or key set as the argument of a managed value's filter: refused, not read.
        e = assertThrows(IllegalStateException.class, () -> keptSet.minusAll(s));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> keptSet.intersect(s));
        assertThrows(IllegalStateException.class, () -> keptMap.intersectKeys(m.keySet()));
        assertEquals(longModel(3000), keptMap);
        assertEquals(Set.of("p", "q", "r"), keptSet);
        arena.close();
        assertThrows(IllegalStateException.class, () -> m.getLong(1));
        assertEquals(longModel(3000).hashCode(), keptMap.hashCode());
    }

    @Test
    void aStaleMapIsNeverMutatedByATransientOfTheNextGeneration() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<Long, Long> old;
            PersistentMap<Long, Long> copy;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                old = longMap(100);
                copy = old.copyToHeap();
            }
            arena.reset();
            PersistentMap<Long, Long> next;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (long i = 0; i < 101; i++) {
                    t.putLong(i, -i);
                }
                assertThrows(IllegalStateException.class, old::asTransient, "the old map cannot seed a transient");
                next = t.persistent();
            }
            assertThrows(IllegalStateException.class, old::size);
            assertThrows(IllegalStateException.class, () -> old.getLong(0));
            assertEquals(101, next.size());
            assertEquals(100, copy.size());
            assertEquals(100, copy.entrySet().stream().count(), "the seed's map said 100 and iterated 101");
            assertEquals(longModel(100), copy);
        }
    }

    @Test
    void emptyCollectionsAreManagedConstantsEvenWhenFirstMadeInAnArena() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<String, String> emptied;
            PersistentSet<Long> emptiedSet;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                assertEquals(Map.of(), PersistentMap.empty(Codec.INT, Codec.object()));
                assertEquals(Set.of(), PersistentSet.empty(Codec.DOUBLE));
                emptied = PersistentMap.<String, String>of().plus("k", "v").minus("k");
                emptiedSet = PersistentSet.ofLongs(1, 2).minusLong(1).minusLong(2);
                TransientMap<String, String> t = PersistentMap.<String, String>of().asTransient();
                assertEquals(Map.of(), t.put("a", "b").remove("a").persistent());
            }
            arena.reset();
            assertEquals(Map.of("x", "y"), emptied.plus("x", "y"), "an emptied map is the managed empty constant");
            assertEquals(Set.of(3L), emptiedSet.plusLong(3));
        }
        assertEquals(Map.of(1, "one"), PersistentMap.<Integer, String>empty(Codec.INT, Codec.object()).plus(1, "one"));
        assertEquals(Set.of(1.5), PersistentSet.empty(Codec.DOUBLE).plus(1.5));
        assertEquals(Map.of("k", "v"), PersistentMap.of("k", "v"));
    }

    @Test
    void aTransientCannotLeaveItsArenaAndAManagedOneBecomesNative() {
        try (ArenaAllocator arena = ArenaAllocator.builder().name("builder").build()) {
            TransientMap<Long, Long> t;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (long i = 0; i < 2000; i++) {
                    t.putLong(i, i * 3);
                }
            }
            AllocatorStats before = arena.stats();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.putLong(1, 1));
            assertTrue(e.getMessage().contains("'builder'") && e.getMessage().contains("transient"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> t.getLong(1));
            assertThrows(IllegalStateException.class, () -> t.removeLong(1));
            assertThrows(IllegalStateException.class, t::persistent);
            assertEquals(before, arena.stats(), "arena memory untouched");
            PersistentMap<Long, Long> built;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                built = t.persistent();
            }
            assertEquals(longModel(2000), built);

            // The reverse: a managed transient continued under the arena.
            TransientSet<Long> ts = PersistentSet.empty(Codec.LONG).asTransient();
            for (long i = 0; i < 1000; i++) {
                ts.addLong(i);
            }
            long freedBefore = arena.stats().blocksFreed();
            PersistentSet<Long> set;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                for (long i = 1000; i < 3000; i++) {
                    ts.addLong(i);
                }
                for (long i = 0; i < 3000; i += 2) {
                    ts.removeLong(i);
                }
                set = ts.persistent();
            }
            assertEquals(1500, set.size());
            for (long i = 0; i < 3000; i++) {
                assertEquals(i % 2 == 1, set.containsLong(i));
            }
            assertTrue(arena.stats().blocksFreed() > freedBefore, "replaced native nodes went back to the arena");
        }
    }

    @Test
    void objectsReferencedOnlyFromNativeNodesSurviveCollectionsAndCopyOut() {
        int n = 20_000;
        List<WeakReference<Object>> weakKeys = new ArrayList<>(n);
        List<WeakReference<Object>> weakValues = new ArrayList<>(n);
        PersistentMap<Object, Object> copy;
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentMap<Object, Object> m;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                TransientMap<Object, Object> t = PersistentMap.of().asTransient();
                for (int i = 0; i < n; i++) {
                    Object k = "key " + i;
                    Object v = new StringBuilder("value ").append(i);
                    weakKeys.add(new WeakReference<>(k));
                    weakValues.add(new WeakReference<>(v));
                    t.put(k, v);
                }
                m = t.persistent();
            }
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            for (int i = 0; i < n; i += 7) {
                assertNotNull(weakKeys.get(i).get(), "key " + i + " collected while native nodes referred to it");
                assertSame(weakValues.get(i).get(), m.get("key " + i));
            }
            copy = m.copyToHeap();
            arena.reset();
            assertEquals(0, arena.roots().size(), "the arena pins nothing after its reset");
            assertEquals(0, arena.stats().pinnedRoots());
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        for (int i = 0; i < n; i++) {
            assertNotNull(weakKeys.get(i).get(), "key " + i + " collected although the copy refers to it");
            assertSame(weakValues.get(i).get(), copy.get("key " + i));
        }
    }

    @Test
    void resetCyclesReuseTheSameChunks() {
        try (ArenaAllocator arena = ArenaAllocator.builder().resetMode(ResetMode.RETAIN_CAPACITY).build()) {
            long chunks = -1;
            long reserved = -1;
            for (int cycle = 0; cycle < 1000; cycle++) {
                try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                    TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                    for (long i = 0; i < 10_000; i++) {
                        t.putLong(i, i);
                    }
                    PersistentMap<Long, Long> m = t.persistent();
                    if (cycle % 250 == 0) {
                        assertEquals(10_000, m.size());
                        assertEquals(9_999L, m.getLong(9_999));
                    }
                }
                arena.reset();
                AllocatorStats stats = arena.stats();
                if (cycle == 0) {
                    chunks = stats.detail("chunks");
                    reserved = stats.bytesReserved();
                } else {
                    assertEquals(chunks, stats.detail("chunks"), "chunks after cycle " + cycle);
                    assertEquals(reserved, stats.bytesReserved(), "bytes reserved after cycle " + cycle);
                }
            }
        }
    }

    @Test
    @ExtendWith(ArborExtension.class)
    void aMillionElementVectorAndAMillionEntryMapInOneArena(@WithAllocator(value = "arena", current = true) ArenaAllocator arena) {
        TransientVector<Long> tv = PersistentVector.empty(Codec.LONG).asTransient();
        TransientMap<Long, Long> tm = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        for (long i = 0; i < 1_000_000; i++) {
            tv.appendLong(i);
            tm.putLong(i, -i);
        }
        PersistentVector<Long> v = tv.persistent();
        PersistentMap<Long, Long> m = tm.persistent();
        assertEquals(1_000_000, v.size());
        assertEquals(1_000_000, m.size());
        for (long i = 0; i < 1_000_000; i += 7919) {
            assertEquals(i, v.getLong((int) i));
            assertEquals(-i, m.getLong(i));
        }
        AllocatorStats stats = arena.stats();
        assertTrue(stats.bytesInUse() <= stats.bytesReserved() && stats.blocksFreed() <= stats.blocksAllocated(),
                stats.toString());
        assertEquals(stats.bytesReserved(), stats.detail("chunks") * stats.detail("chunkSize"),
                "no large blocks, every node in a chunk: " + stats);
    }

    @Test
    void nodesLargerThanATinyChunkWork() {
        try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(64).largeThreshold(16).build()) {
            PersistentMap<Object, Object> m;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                m = PersistentMap.of();
                for (int i = 0; i < 2000; i++) {
                    m = m.plus("k" + i, i);
                }
                for (int i = 0; i < 2000; i += 3) {
                    m = m.minus("k" + i);
                }
            }
            for (int i = 0; i < 2000; i++) {
                assertEquals(i % 3 == 0 ? null : i, m.get("k" + i));
            }
            assertTrue(arena.stats().detail("largeBlocks") > 0, "nodes went to large blocks: " + arena.stats());
        }
    }
}
