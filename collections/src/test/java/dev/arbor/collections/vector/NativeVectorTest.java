package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.RefusingAllocator;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.Copier;
import dev.arbor.collections.codec.Codec;
import dev.arbor.junit.ArborExtension;
import dev.arbor.junit.WithAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The vector's native format: routing under an arena, the direction rule, temporal safety,
 * copy-out, and transients bound to their arena.
 */
class NativeVectorTest {

    private static List<Long> range(long n) {
        return LongStream.range(0, n).boxed().toList();
    }

    private static PersistentVector<Long> build(long n) {
        PersistentVector<Long> v = PersistentVector.empty(Codec.LONG);
        for (long i = 0; i < n; i++) {
            v = v.appendLong(i);
        }
        return v;
    }

    @Test
    void everyNewNodeUnderAnArenaIsNativeAndCountedByADecorator() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            RefusingAllocator counting = RefusingAllocator.over(arena);
            PersistentVector<Long> v;
            try (AllocatorScope s = CurrentAllocator.use(counting)) {
                v = build(100);
            }
            // 100 appends: one tail copy each, plus a path per full tail pushed (3 of them).
            assertEquals(range(100), v);
            // The decorator also numbers managed nodes, which never reach the arena: there were none.
            assertEquals(arena.stats().blocksAllocated(), counting.allocations(), "every node is native, from the arena");
            assertTrue(counting.allocations() >= 100, "one node per append at least: " + counting.allocations());
        }
    }

    @Test
    void nativeValueIsReadableOutsideItsScopeButNotUpdatable() {
        try (ArenaAllocator arena = ArenaAllocator.builder().name("scratch").build()) {
            PersistentVector<Long> v;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                v = build(1000);
            }
            assertEquals(range(1000), v);
            assertEquals(999L, v.getLong(999));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.appendLong(1));
            assertTrue(e.getMessage().contains("'scratch'") && e.getMessage().contains("CurrentAllocator.use")
                    && e.getMessage().contains("copyToHeap"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> v.withLong(3, 7));
            assertThrows(IllegalStateException.class, v::pop);
            try (ArenaAllocator other = ArenaAllocator.builder().name("other").build();
                 AllocatorScope s = CurrentAllocator.use(other)) {
                IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> v.appendLong(1));
                assertTrue(e2.getMessage().contains("'scratch'") && e2.getMessage().contains("'other'"), e2.getMessage());
                // Copying into the other arena is the way across.
                PersistentVector<Long> there = v.copyTo(other).appendLong(1000);
                assertEquals(range(1001), there);
            }
            assertEquals(range(1000), v, "failed updates changed nothing");
        }
    }

    @Test
    void managedValueUpdatedUnderAnArenaSharesItsManagedNodes() {
        PersistentVector<Long> managed = build(10_000);
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            RefusingAllocator counting = RefusingAllocator.over(arena);
            PersistentVector<Long> v;
            try (AllocatorScope s = CurrentAllocator.use(counting)) {
                v = managed.withLong(5, -5);
            }
            // Only the path to element 5 is new (a leaf and the branches above it): no deep copy.
            assertEquals(3, counting.allocations());
            assertTrue(arena.roots().size() > 0, "the untouched managed subtrees are shared through roots");
            List<Long> expected = new ArrayList<>(range(10_000));
            expected.set(5, -5L);
            assertEquals(expected, v);
            assertEquals(range(10_000), managed);
            arena.reset();
            assertThrows(IllegalStateException.class, () -> v.get(0));
            assertEquals(range(10_000), managed, "the managed value never depended on the arena");
        }
    }

    @Test
    void everyUseAfterResetOrCloseThrowsAndCopiesSurvive() {
        ArenaAllocator arena = ArenaAllocator.create();
        PersistentVector<Long> v;
        PersistentVector<Long> kept;
        PersistentVector<Object> objects;
        PersistentVector<Object> keptObjects;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            v = build(5000);
            objects = PersistentVector.<Object>of().appendAll(List.of("a", "b", "c"));
            kept = v.copyToHeap();
            keptObjects = objects.copyToHeap();
        }
        arena.reset();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.get(1));
        assertTrue(e.getMessage().contains("reset") && e.getMessage().contains("generation 0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> v.getLong(1));
        assertThrows(IllegalStateException.class, v::size);
        assertThrows(IllegalStateException.class, () -> v.iterator().next());
        assertThrows(IllegalStateException.class, v::hashCode);
        assertThrows(IllegalStateException.class, v::copyToHeap);
        assertThrows(IllegalStateException.class, v::asTransient);
        assertThrows(IllegalStateException.class, () -> objects.get(0));
        assertEquals(range(5000), kept);
        assertEquals(List.of("a", "b", "c"), keptObjects);
        assertEquals(0, arena.roots().size(), "the reset released every root");
        arena.close();
        assertThrows(IllegalStateException.class, () -> v.get(1));
        assertEquals(range(5000).hashCode(), kept.hashCode());
        assertEquals(range(5001), kept.appendLong(5000), "the copy is an ordinary managed value");
    }

    @Test
    void aCopierPreservesSharingAcrossValues() {
        try (ArenaAllocator arena = ArenaAllocator.create(); ArenaAllocator target = ArenaAllocator.create()) {
            PersistentVector<Long> base;
            PersistentVector<Long> a;
            PersistentVector<Long> b;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                base = build(32 * 32 * 4);
                a = base.appendLong(-1);
                b = base.withLong(0, -2);
            }
            RefusingAllocator counting = RefusingAllocator.over(target);
            Copier copier = Copier.to(counting);
            PersistentVector<Long> ca = copier.copy(a);
            long afterA = counting.allocations();
            PersistentVector<Long> cb = copier.copy(b);
            long forB = counting.allocations() - afterA;
            assertEquals(a, ca);
            assertEquals(b, cb);
            // b shares with a every node but its root, the path to element 0 (a branch and a leaf)
            // and the last level-1 branch of base (a replaced it when it pushed its tail).
            assertEquals(4, forB, "nodes copied for the second value");
            assertSame(ca, ca.copyTo(target), "a value already in the target's memory is not copied");
            int aSize = a.size();
            arena.reset();
            assertEquals(aSize, ca.size());
            assertEquals(-2L, cb.getLong(0));
            PersistentVector<Long> managed = build(10);
            assertSame(managed, managed.copyTo(target), "managed values are not copied");
        }
    }

    @Test
    void aCopierUsedAcrossAResetNeverConfusesReusedAddresses() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            Copier copier = Copier.toHeap();
            PersistentVector<Long> first;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                first = copier.copy(build(2000));
            }
            arena.reset();
            PersistentVector<Long> second;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                // The same shape at the same addresses, other contents.
                PersistentVector<Long> v = PersistentVector.empty(Codec.LONG);
                for (long i = 0; i < 2000; i++) {
                    v = v.appendLong(-i);
                }
                second = copier.copy(v);
            }
            assertEquals(range(2000), first);
            assertEquals(LongStream.range(0, 2000).map(i -> -i).boxed().toList(), second);
        }
    }

    @Test
    void aTransientCannotLeaveItsArena() {
        try (ArenaAllocator arena = ArenaAllocator.builder().name("builder-arena").build()) {
            TransientVector<Long> t;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                t = PersistentVector.empty(Codec.LONG).asTransient();
                for (long i = 0; i < 2000; i++) {
                    t.appendLong(i);
                }
            }
            AllocatorStats before = arena.stats();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.appendLong(1));
            assertTrue(e.getMessage().contains("'builder-arena'") && e.getMessage().contains("transient"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> t.get(0));
            assertThrows(IllegalStateException.class, t::pop);
            assertThrows(IllegalStateException.class, t::persistent);
            assertEquals(before, arena.stats(), "arena memory untouched");
            PersistentVector<Long> v;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                v = t.appendLong(2000).persistent();
            }
            assertEquals(range(2001), v);
            arena.reset();
            assertThrows(IllegalStateException.class, () -> v.get(0));
        }
    }

    @Test
    @ExtendWith(ArborExtension.class)
    void aTransientCannotOutliveAReset(@WithAllocator(value = "arena", current = true) ArenaAllocator arena) {
        TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
        for (long i = 0; i < 100; i++) {
            t.appendLong(i);
        }
        arena.reset();
        assertThrows(IllegalStateException.class, () -> t.appendLong(1));
        assertThrows(IllegalStateException.class, t::persistent);
    }

    @Test
    void aManagedTransientUsedUnderAnArenaBecomesNativeAndFreesOnlyItsOwnBlocks() {
        TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
        for (long i = 0; i < 1000; i++) {
            t.appendLong(i);
        }
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentVector<Long> v;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                for (long i = 1000; i < 3000; i++) {
                    t.appendLong(i);
                }
                for (int i = 0; i < 100; i++) {
                    t.pop();
                }
                t.setLong(7, -7);
                v = t.persistent();
            }
            List<Long> expected = new ArrayList<>(range(2900));
            expected.set(7, -7L);
            assertEquals(expected, v);
            AllocatorStats stats = arena.stats();
            assertTrue(stats.blocksFreed() > 0 && stats.blocksFreed() < stats.blocksAllocated(),
                    "native blocks the transient replaced went back to the arena: " + stats);
        }
    }

    @Test
    void emptyVectorsAreManagedConstantsEvenWhenFirstMadeInAnArena() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                assertEquals(List.of(), PersistentVector.empty(Codec.DOUBLE));
                assertEquals(List.of(), PersistentVector.of(1L).pop());
                assertEquals(List.of(), PersistentVector.empty(Codec.INT).asTransient().persistent());
                assertEquals(0, arena.stats().blocksAllocated() - 1, "only the one-element vector's leaf");
            }
            arena.reset();
        }
        assertEquals(List.of(1.5), PersistentVector.empty(Codec.DOUBLE).append(1.5));
        assertEquals(List.of(2L), PersistentVector.empty(Codec.LONG).appendLong(2));
        assertEquals(List.of("x"), PersistentVector.of().append("x"));
    }

    @Test
    void aMillionElementsInOneArena() {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentVector<Long> v;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
                for (long i = 0; i < 1_000_000; i++) {
                    t.appendLong(i);
                }
                v = t.persistent();
            }
            assertEquals(1_000_000, v.size());
            for (int i = 0; i < 1_000_000; i += 9973) {
                assertEquals(i, v.getLong(i));
            }
            AllocatorStats stats = arena.stats();
            // 31,250 leaves and 1,009 branches (plus the trimmed tail): about 8.3 MB.
            assertTrue(stats.bytesInUse() >= 8_000_000 && stats.bytesInUse() <= stats.bytesReserved(), stats.toString());
            assertEquals(0, stats.detail("largeBlocks"), "every node fits a chunk: " + stats);
        }
    }
}
