package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Nodes keep the hash of every reference key: a lookup compares hashes before it calls
 * {@code equals}, and building never asks a key for its hash more than once.
 */
class StoredHashTest {
    /** A key that counts the calls a map makes on it. */
    static final class CountingKey {
        static int equalsCalls;
        static int hashCodeCalls;
        final int id;

        CountingKey(int id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            equalsCalls++;
            return o instanceof CountingKey k && k.id == id;
        }

        @Override
        public int hashCode() {
            hashCodeCalls++;
            // Spread, so that keys fill several levels of the trie.
            return id * 0x9E3779B9;
        }
    }

    @Test
    void managedMapsCallEqualsOnlyOnHashMatchesAndHashCodeOncePerKey() {
        check(() -> PersistentMap.empty(Codec.<CountingKey>object(), Codec.LONG));
    }

    @Test
    void nativeMapsCallEqualsOnlyOnHashMatchesAndHashCodeOncePerKey() {
        try (ArenaAllocator arena = ArenaAllocator.builder().build();
             AllocatorScope scope = CurrentAllocator.use(arena)) {
            check(() -> PersistentMap.empty(Codec.<CountingKey>object(), Codec.LONG));
        }
    }

    /**
     * As {@code java.util.Map.get} specifies ({@code key.equals(k)}): the key asked about is the
     * receiver of {@code equals}, so a lookup key with its own notion of equality decides, and a
     * stored key's equals is never run on a lookup.
     */
    @Test
    void lookupsCallEqualsOnTheKeyAskedAbout() {
        PersistentMap<Object, Long> map = PersistentMap.<Object, Long>empty(Codec.object(), Codec.LONG)
                .plus(new CountingKey(7), 7L);
        CountingKey.equalsCalls = 0;
        Object probe = new Object() {
            @Override
            public boolean equals(Object o) {
                return o instanceof CountingKey k && k.id == 7;
            }

            @Override
            public int hashCode() {
                return 7 * 0x9E3779B9;
            }
        };
        assertEquals(7L, map.get(probe));
        assertTrue(map.containsKey(probe));
        assertEquals(0, CountingKey.equalsCalls, "the stored key's equals is not the one asked");
    }

    private static void check(Supplier<PersistentMap<CountingKey, Long>> empty) {
        CountingKey.equalsCalls = 0;
        CountingKey.hashCodeCalls = 0;
        var t = empty.get().asTransient();
        for (int i = 0; i < 5_000; i++) {
            t.put(new CountingKey(i), (long) i);
        }
        PersistentMap<CountingKey, Long> map = t.persistent();
        assertEquals(5_000, CountingKey.hashCodeCalls, "one hashCode per put: entries moved down keep their hash");
        assertEquals(0, CountingKey.equalsCalls, "distinct hashes: no equals while building");

        for (int i = 5_000; i < 10_000; i++) {
            assertFalse(map.containsKey(new CountingKey(i)));
        }
        assertEquals(0, CountingKey.equalsCalls, "a miss whose hash differs from every stored one never calls equals");
        for (int i = 0; i < 5_000; i++) {
            assertTrue(map.containsKey(new CountingKey(i)));
        }
        assertEquals(5_000, CountingKey.equalsCalls, "a hit calls equals once");
    }
}
