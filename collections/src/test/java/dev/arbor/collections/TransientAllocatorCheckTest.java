package dev.arbor.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.champ.TransientSet;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.collections.vector.TransientVector;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A native transient checks on every call that its allocator is current, without a thread-local
 * read while nothing changed on its thread ({@link CurrentAllocator.ThreadLevels#changeCount()}): every way of changing the
 * current allocator in between must still be seen, on the very next call.
 */
class TransientAllocatorCheckTest {

    @Test
    void aNativeTransientSeesAnotherAllocatorEnteredBetweenTwoCalls() {
        try (ArenaAllocator owner = ArenaAllocator.builder().name("owner").build();
             ArenaAllocator other = ArenaAllocator.builder().name("other").build()) {
            CurrentAllocator.enter(owner);
            TransientVector<Long> v = PersistentVector.empty(Codec.LONG).asTransient();
            TransientMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            TransientSet<Long> s = PersistentSet.empty(Codec.LONG).asTransient();
            for (long i = 0; i < 100; i++) {
                v.appendLong(i);
                m.putLong(i, i);
                s.addLong(i);
            }
            CurrentAllocator.enter(other);
            try {
                assertThrows(IllegalStateException.class, () -> v.appendLong(100));
                assertThrows(IllegalStateException.class, () -> m.putLong(100, 100));
                assertThrows(IllegalStateException.class, () -> s.addLong(100));
            } finally {
                CurrentAllocator.exit();
            }
            v.appendLong(100);
            m.putLong(100, 100);
            s.addLong(100);
            assertEquals(101, v.persistent().size());
            assertEquals(101, m.persistent().size());
            assertEquals(101, s.persistent().size());
            CurrentAllocator.exit();
        }
    }

    @Test
    void aNativeTransientFilledInsideABindingIsRefusedAfterIt() {
        try (ArenaAllocator arena = ArenaAllocator.builder().name("bound").build()) {
            AtomicReference<TransientVector<Long>> v = new AtomicReference<>();
            AtomicReference<TransientMap<Long, Long>> m = new AtomicReference<>();
            CurrentAllocator.run(arena, () -> {
                v.set(PersistentVector.empty(Codec.LONG).asTransient());
                m.set(PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient());
                for (long i = 0; i < 100; i++) {
                    v.get().appendLong(i);
                    m.get().putLong(i, i);
                }
            });
            assertThrows(IllegalStateException.class, () -> v.get().appendLong(100));
            assertThrows(IllegalStateException.class, () -> m.get().putLong(100, 100));
        }
    }
}
