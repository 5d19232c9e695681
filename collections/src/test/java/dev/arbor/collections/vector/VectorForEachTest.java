package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.arena.ResetMode;
import dev.arbor.collections.codec.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector's iterator-free walks: {@code forEach} and the unboxed {@code forEachLong}. */
class VectorForEachTest {
    private static final long SEED = Long.getLong("arbor.test.seed", 11);

    /** Every size class: empty, tail only, one full leaf, several levels, a partial tail. */
    @Test
    void walksVisitEveryElementInOrderInEveryFormat() {
        Random random = new Random(SEED);
        for (int size : new int[] {0, 1, 31, 32, 33, 1_024, 1_057, 33_000}) {
            long[] elements = random.longs(size).toArray();
            PersistentVector<Long> managed = build(PersistentVector.empty(Codec.LONG), elements, 0, size / 2);
            try (ArenaAllocator arena = ArenaAllocator.builder().build()) {
                PersistentVector<Long> mixed;
                PersistentVector<Long> allNative;
                try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                    mixed = build(managed, elements, size / 2, size);
                    allNative = build(PersistentVector.empty(Codec.LONG), elements, 0, size);
                }
                for (PersistentVector<Long> v : List.of(build(managed, elements, size / 2, size), mixed, allNative)) {
                    List<Long> expected = new ArrayList<>();
                    for (long e : elements) {
                        expected.add(e);
                    }
                    List<Long> walked = new ArrayList<>();
                    v.forEach(walked::add);
                    List<Long> walkedLong = new ArrayList<>();
                    v.forEachLong(walkedLong::add);
                    assertEquals(expected, walked, "forEach, size " + size + ", seed " + SEED);
                    assertEquals(expected, walkedLong, "forEachLong, size " + size + ", seed " + SEED);
                }
            }
        }
    }

    @Test
    void forEachOfAnObjectVectorSeesTheObjects() {
        List<String> walked = new ArrayList<>();
        PersistentVector.of("a", null, "c").forEach(walked::add);
        assertEquals(java.util.Arrays.asList("a", null, "c"), walked);
    }

    @Test
    void forEachLongNeedsTheLongCodec() {
        assertThrows(UnsupportedOperationException.class, () -> PersistentVector.of("a").forEachLong(e -> { }));
        assertThrows(NullPointerException.class, () -> PersistentVector.ofLongs(1).forEachLong(null));
    }

    @Test
    void anActionThatResetsTheArenaStopsTheWalkInsteadOfReadingFreedMemory() {
        try (ArenaAllocator arena = ArenaAllocator.builder().resetMode(ResetMode.FREE_ALL).build()) {
            PersistentVector<Long> vector;
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                vector = build(PersistentVector.empty(Codec.LONG), new Random(SEED).longs(1_000).toArray(), 0, 1_000);
            }
            int[] visited = {0};
            assertThrows(IllegalStateException.class, () -> vector.forEachLong(e -> {
                visited[0]++;
                arena.reset();
            }));
            assertEquals(1, visited[0], "forEachLong stops at the first element after the reset");
        }
    }

    private static PersistentVector<Long> build(PersistentVector<Long> start, long[] elements, int from, int to) {
        TransientVector<Long> t = start.asTransient();
        for (int i = from; i < to; i++) {
            t.appendLong(elements[i]);
        }
        return t.persistent();
    }
}
