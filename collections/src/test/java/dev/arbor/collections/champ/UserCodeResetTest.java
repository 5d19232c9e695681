package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A key's or value's {@code equals} or {@code hashCode} is user code, and it may reset or close the
 * allocator of the native value being read. Every read after it must then throw the stale-value
 * {@link IllegalStateException}, never touch the freed nodes (this suite runs with checked raw
 * access, which would throw {@code InvalidMemoryAccessException} on such a read).
 */
class UserCodeResetTest {

    /** A key whose hash the test chooses and whose equals and hashCode each run an action first. */
    static final class Trap {
        final long id;
        final int hash;
        final Runnable onEquals;
        final Runnable onHash;

        Trap(long id, int hash, Runnable onEquals, Runnable onHash) {
            this.id = id;
            this.hash = hash;
            this.onEquals = onEquals;
            this.onHash = onHash;
        }

        Trap(long id, int hash, Runnable onBoth) {
            this(id, hash, onBoth, onBoth);
        }

        /** A trap whose equals runs {@code action}; its hashCode runs nothing. */
        static Trap onEquals(long id, int hash, Runnable action) {
            return new Trap(id, hash, action, NOTHING);
        }

        /** A trap whose hashCode runs {@code action}; its equals runs nothing. */
        static Trap onHash(long id, int hash, Runnable action) {
            return new Trap(id, hash, NOTHING, action);
        }

        @Override
        public boolean equals(Object o) {
            onEquals.run();
            return o instanceof Trap t && t.id == id;
        }

        @Override
        public int hashCode() {
            onHash.run();
            return hash;
        }
    }

    private static final Runnable NOTHING = () -> { };

    /** Builds a value under a fresh arena, then runs {@code use} on it with a trap that closes that arena. */
    private static <T> void expectStale(Function<ArenaAllocator, T> build, BiConsumer<ArenaAllocator, T> use, String what) {
        ArenaAllocator arena = ArenaAllocator.create();
        T value;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            value = build.apply(arena);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> use.accept(arena, value), what);
        assertTrue(e.getMessage().contains("was closed"), what + ": " + e.getMessage());
    }

    private static PersistentMap<Trap, Object> trapMap(int n, int hashes) {
        TransientMap<Trap, Object> t = PersistentMap.<Trap, Object>empty(Codec.object(), Codec.object()).asTransient();
        for (int i = 0; i < n; i++) {
            t.put(new Trap(i, i % hashes, NOTHING), "v" + i);
        }
        return t.persistent();
    }

    @Test
    void lookupsAndUpdatesStopAfterAKeysEqualsOrHashCodeClosesTheArena() {
        for (int hashes : new int[] {1_000, 1}) {
            for (boolean inEquals : new boolean[] {true, false}) {
                String shape = (hashes == 1 ? "collision node" : "bitmap nodes") + (inEquals ? ", equals" : ", hashCode");
                TrapMaker probe = (arena, id) -> inEquals ? Trap.onEquals(id, (int) (id % hashes), arena::close)
                        : Trap.onHash(id, (int) (id % hashes), arena::close);
                expectStale(arena -> trapMap(1_000, hashes), (arena, m) -> m.get(probe.make(arena, 1)), "get, " + shape);
                expectStale(arena -> trapMap(1_000, hashes), (arena, m) -> m.containsKey(probe.make(arena, 1_000_001)),
                        "containsKey of an absent key, " + shape);
                expectStale(arena -> trapMap(300, hashes), (arena, m) -> {
                    try (AllocatorScope s = CurrentAllocator.use(arena)) {
                        m.plus(probe.make(arena, 7), "new");
                    }
                }, "plus, " + shape);
                expectStale(arena -> trapMap(300, hashes), (arena, m) -> {
                    try (AllocatorScope s = CurrentAllocator.use(arena)) {
                        m.minus(probe.make(arena, 7));
                    }
                }, "minus, " + shape);
                expectStale(arena -> trapMap(300, hashes).keySet(), (arena, keys) -> keys.contains(probe.make(arena, 8)),
                        "keySet contains, " + shape);
                expectStale(arena -> trapMap(300, hashes).asTransient(), (arena, t) -> {
                    try (AllocatorScope s = CurrentAllocator.use(arena)) {
                        t.get(probe.make(arena, 9));
                    }
                }, "transient get, " + shape);
                expectStale(arena -> trapMap(300, hashes).asTransient(), (arena, t) -> {
                    try (AllocatorScope s = CurrentAllocator.use(arena)) {
                        t.put(probe.make(arena, 9), "x");
                    }
                }, "transient put, " + shape);
                expectStale(arena -> PersistentSet.<Trap>empty(Codec.object()).plusAll(trapMap(300, hashes).keySet()),
                        (arena, set) -> set.contains(probe.make(arena, 10)), "set contains, " + shape);
            }
        }
    }

    @FunctionalInterface
    private interface TrapMaker {
        Trap make(ArenaAllocator arena, long id);
    }

    @Test
    void hashCodesStopAfterAValuesHashCodeClosesTheArenaAndNeverCallAKeysHashCode() {
        AtomicInteger keyHashes = new AtomicInteger();
        ArenaAllocator arena = ArenaAllocator.create();
        PersistentMap<Trap, Object> m;
        PersistentSet<Trap> s;
        try (AllocatorScope scope = CurrentAllocator.use(arena)) {
            TransientMap<Trap, Object> t = PersistentMap.<Trap, Object>empty(Codec.object(), Codec.object()).asTransient();
            TransientSet<Trap> ts = PersistentSet.<Trap>empty(Codec.object()).asTransient();
            for (int i = 0; i < 2_000; i++) {
                Trap k = new Trap(i, i * 31, keyHashes::incrementAndGet);
                t.put(k, i == 1_000 ? new Trap(-i, 0, arena::close) : "v" + i);
                ts.add(k);
            }
            m = t.persistent();
            s = ts.persistent();
        }
        keyHashes.set(0);
        List<Trap> elements = new ArrayList<>(s);
        int expected = 0;
        for (Trap k : elements) {
            expected += k.hash;
        }
        assertEquals(expected, s.hashCode(), "the set's hash from the stored hashes");
        assertEquals(0, keyHashes.get(), "no element's hashCode called");
        IllegalStateException e = assertThrows(IllegalStateException.class, m::hashCode);
        assertTrue(e.getMessage().contains("was closed"), e.getMessage());
    }

    @Test
    void structuralEqualityStopsAfterAnEqualsClosesTheArena() {
        expectStale(arena -> {
            Runnable close = arena::close;
            PersistentMap<Long, Object> a = PersistentMap.empty(Codec.LONG, Codec.object());
            PersistentMap<Long, Object> b = PersistentMap.empty(Codec.LONG, Codec.object());
            for (long i = 0; i < 1_000; i++) {
                a = a.plus(i, new Trap(i, 0, close));
                b = b.plus(i, new Trap(i, 0, close));
            }
            return List.of(a, b);
        }, (arena, pair) -> pair.get(0).equals(pair.get(1)), "map equals, values compared");
        expectStale(arena -> {
            List<Trap> elements = new ArrayList<>();
            List<Trap> equalElements = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                elements.add(new Trap(i, 0, arena::close));
                equalElements.add(new Trap(i, 0, arena::close));
            }
            return List.of(PersistentVector.copyOf(elements), PersistentVector.copyOf(equalElements));
        }, (arena, pair) -> pair.get(0).equals(pair.get(1)), "vector equals, elements compared");
    }
}
