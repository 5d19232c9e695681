package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.arena.ResetMode;
import dev.arbor.collections.codec.Codec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The iterator-free walks: {@code forEach} and the unboxed {@code forEachLong}. */
class ForEachTest {
    private static final long SEED = Long.getLong("arbor.test.seed", 7);

    @Test
    void forEachVisitsEveryEntryOnceWithCollidingKeys() {
        Random random = new Random(SEED);
        PersistentMap<Key, Integer> map = PersistentMap.of();
        Map<Key, Integer> model = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            Key k = new Key(random.nextInt(3_000), random.nextInt(64));
            map = map.plus(k, i);
            model.put(k, i);
        }
        Map<Key, Integer> seen = new HashMap<>();
        map.forEach((k, v) -> assertEquals(null, seen.put(k, v), "visited twice: " + k + " (seed " + SEED + ")"));
        assertEquals(model, seen, "seed " + SEED);
    }

    /**
     * The walks visit in the iterator's order, for managed, native and mixed values (a managed
     * map updated under an arena: native nodes over shared managed subtrees), with keys whose
     * hashes collide fully (collision nodes) and partially.
     */
    @Test
    void walksVisitInIterationOrderInEveryFormat() {
        walksVisitInIterationOrder(20_000);
    }

    /** Large enough for the walk that reads child headers first. */
    @Test
    void largeWalksVisitInIterationOrderInEveryFormat() {
        walksVisitInIterationOrder(ChampTrie.OVERLAP_MISSES_FROM + 5_000);
    }

    private static void walksVisitInIterationOrder(int size) {
        Random random = new Random(SEED);
        long[] keys = new long[size];
        for (int i = 0; i < keys.length; i++) {
            // Long.hashCode is high ^ low: 64 distinct hashes for the first half, random ones after.
            long high = random.nextInt(1 << 20);
            keys[i] = i < keys.length / 2 ? high << 32 | (high ^ random.nextInt(64)) : random.nextLong();
        }
        var managed = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        for (int i = 0; i < keys.length / 2; i++) {
            managed.putLong(keys[i], i);
        }
        PersistentMap<Long, Long> half = managed.persistent();
        try (ArenaAllocator arena = ArenaAllocator.builder().build()) {
            PersistentMap<Long, Long> mixed;
            PersistentMap<Long, Long> allNative;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                var t = half.asTransient();
                var n = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (int i = 0; i < keys.length; i++) {
                    if (i >= keys.length / 2) {
                        t.putLong(keys[i], i);
                    }
                    n.putLong(keys[i], i);
                }
                mixed = t.persistent();
                allNative = n.persistent();
            }
            // Fresh from a bulk build (half, allNative: nodes in build order) and made put by put
            // (mixed, and the updated copies: a large walk reads child headers ahead there).
            PersistentMap<Long, Long> updated = half.plusLong(keys[0], -1);
            PersistentMap<Long, Long> updatedNative;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                updatedNative = allNative.minusLong(keys[1]);
            }
            for (PersistentMap<Long, Long> map : List.of(half, mixed, allNative, updated, updatedNative)) {
                List<Long> iterated = new ArrayList<>();
                map.entrySet().forEach(e -> iterated.add(e.getKey() * 31 + e.getValue()));
                List<Long> walked = new ArrayList<>();
                map.forEach((k, v) -> walked.add(k * 31 + v));
                List<Long> walkedLong = new ArrayList<>();
                map.forEachLong((k, v) -> walkedLong.add(k * 31 + v));
                assertEquals(map.size(), iterated.size(), "seed " + SEED);
                assertEquals(iterated, walked, "forEach order, seed " + SEED);
                assertEquals(iterated, walkedLong, "forEachLong order, seed " + SEED);
            }
        }
    }

    /**
     * Only the nodes of one bulk build are known to lie in build order; a node made afterwards (an
     * added or removed entry) may lie anywhere, so large walks read child headers ahead again.
     */
    @Test
    void onlyUntouchedBulkBuildsSkipTheReadAhead() {
        var t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        for (long k = 0; k < 1_000; k++) {
            t.putLong(k * 0x9E3779B97F4A7C15L, k);
        }
        assertEquals(1_000, t.size());
        t.putLong(0, -1);
        PersistentMap<Long, Long> built = t.persistent();
        assertTrue(built.bulkBuilt, "a bulk build whose values were then replaced in place");

        var u = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        for (long k = 0; k < 1_000; k++) {
            u.putLong(k * 0x9E3779B97F4A7C15L, k);
        }
        assertEquals(1_000, u.size());
        u.putLong(-7, 7);
        assertFalse(u.persistent().bulkBuilt, "an entry added after the build copies a node");
        assertFalse(built.plusLong(-7, 7).bulkBuilt, "a persistent update makes nodes");
        assertFalse(built.minusLong(0).bulkBuilt, "a persistent removal makes nodes");
        var s = PersistentSet.empty(Codec.LONG).asTransient();
        s.addLong(1);
        s.addLong(2);
        assertTrue(s.persistent().bulkBuilt);
        assertFalse(ChampTrie.readsAhead(ChampTrie.OVERLAP_MISSES_FROM, true));
        assertTrue(ChampTrie.readsAhead(ChampTrie.OVERLAP_MISSES_FROM, false));
        assertFalse(ChampTrie.readsAhead(ChampTrie.OVERLAP_MISSES_FROM - 1, false));
    }

    @Test
    void forEachLongSeesUnboxedEntriesOfMapsAndSets() {
        var t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        var s = PersistentSet.empty(Codec.LONG).asTransient();
        for (long k = 0; k < 10_000; k++) {
            t.putLong(k * 0x9E3779B97F4A7C15L, k);
            s.addLong(k * 31);
        }
        PersistentMap<Long, Long> map = t.persistent();
        PersistentSet<Long> set = s.persistent();
        Map<Long, Long> seen = new HashMap<>();
        map.forEachLong((k, v) -> seen.put(k, v));
        assertEquals(map, seen);
        Set<Long> seenElements = new HashSet<>();
        set.forEachLong(seenElements::add);
        assertEquals(set, seenElements);
        Set<Long> boxed = new HashSet<>();
        set.forEach(boxed::add);
        assertEquals(set, boxed);
    }

    @Test
    void forEachLongNeedsLongCodecs() {
        PersistentMap<String, Integer> map = PersistentMap.of("a", 1);
        assertThrows(UnsupportedOperationException.class, () -> map.forEachLong((k, v) -> { }));
        assertThrows(UnsupportedOperationException.class, () -> PersistentSet.of("a").forEachLong(e -> { }));
    }

    @Test
    void anActionThatResetsTheArenaStopsTheWalkInsteadOfReadingFreedMemory() {
        try (ArenaAllocator arena = ArenaAllocator.builder().resetMode(ResetMode.FREE_ALL).build()) {
            PersistentMap<Long, Long> map;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                var t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (long k = 0; k < 1_000; k++) {
                    t.putLong(k, k);
                }
                map = t.persistent();
            }
            int[] visited = {0};
            assertThrows(IllegalStateException.class, () -> map.forEachLong((k, v) -> {
                visited[0]++;
                arena.reset();
            }));
            assertEquals(1, visited[0], "the walk stops at the first entry after the reset");
        }
    }
}
