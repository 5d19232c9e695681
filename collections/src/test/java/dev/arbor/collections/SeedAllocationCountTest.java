package dev.arbor.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import dev.arbor.collections.vector.PersistentVector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The seed's counting-allocator test, for real: with a counting allocator current, building
 * {@code [1 2 3 4 5]}, {@code {:x 1 :y 2 :z 3}} and {@code #{:a :b :c}} allocates an exact number
 * of nodes, every one of them seen by the allocator. The seed's C++ version counted 30, 17 and 16.
 */
class SeedAllocationCountTest {

    @Test
    void vectorOfFiveIsOneNode() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            PersistentVector<Integer> v = PersistentVector.of(1, 2, 3, 4, 5);
            assertEquals(List.of(1, 2, 3, 4, 5), v);
            assertEquals(1, counter.snapshot().blocks(), "one exact tail leaf; the empty root is a shared constant");
        }
    }

    @Test
    void mapOfThreeIsOneNode() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            PersistentMap<String, Integer> m = PersistentMap.of("x", 1, "y", 2, "z", 3);
            assertEquals(Map.of("x", 1, "y", 2, "z", 3), m);
            assertEquals(1, counter.snapshot().blocks(), "one root node of three entries");
        }
    }

    @Test
    void mapOfThreeBuiltStepByStepIsThreeNodes() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            PersistentMap<String, Integer> m = PersistentMap.<String, Integer>of().plus("x", 1).plus("y", 2).plus("z", 3);
            assertEquals(Map.of("x", 1, "y", 2, "z", 3), m);
            // One root per step (1, 2, then 3 entries): the first two are garbage already.
            assertEquals(3, counter.snapshot().blocks());
        }
    }

    @Test
    void setOfThreeIsOneNode() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            PersistentSet<String> s = PersistentSet.of("a", "b", "c");
            assertEquals(Set.of("a", "b", "c"), s);
            assertEquals(1, counter.snapshot().blocks(), "one root node of three entries");
        }
    }

    @Test
    void literalsWhoseKeysShareASlotStillWork() {
        // "Aa" and "BB" have the same hash code: they fall back to step-by-step building.
        PersistentMap<String, Integer> m = PersistentMap.of("Aa", 1, "BB", 2, "Aa", 3);
        assertEquals(Map.of("Aa", 3, "BB", 2), m);
        PersistentSet<String> s = PersistentSet.of("Aa", "BB", "Aa");
        assertEquals(Set.of("Aa", "BB"), s);
        assertEquals(2, m.size());
        assertEquals(2, s.size());
    }

    @Test
    void emptyCollectionsAreSharedConstantsThatNeverCount() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            assertEquals(List.of(), PersistentVector.empty(Codec.LONG));
            assertEquals(Map.of(), PersistentMap.empty(Codec.LONG, Codec.object()));
            assertEquals(Set.of(), PersistentSet.empty(Codec.DOUBLE));
            assertEquals(List.of(), PersistentVector.of(1).pop());
            assertEquals(Map.of(), PersistentMap.of().plus("k", "v").minus("k"));
            // Only the one-entry map above allocated a node; the empties it returned to did not.
            assertEquals(2, counter.snapshot().blocks(), "the vector's leaf and the map's node; nothing for empties");
        }
    }

    @Test
    void readingAllocatesNoNodes() {
        PersistentVector<Integer> v = PersistentVector.of(1, 2, 3, 4, 5);
        PersistentMap<String, Integer> m = PersistentMap.of("x", 1, "y", 2, "z", 3);
        PersistentSet<String> s = PersistentSet.of("a", "b", "c");
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            assertEquals(15, v.stream().mapToInt(Integer::intValue).sum());
            assertEquals(2, m.get("y"));
            assertEquals(true, s.contains("c"));
            assertEquals(m, m.plus("y", 2), "an unchanged put returns the same map");
            assertEquals(0, counter.snapshot().blocks());
        }
    }
}
