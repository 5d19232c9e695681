package dev.arbor.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.codec.Codec;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The example of {@code docs/memory-safety.md}, with its comments as assertions. */
class MemorySafetyPageTest {
    @Test
    void aSharedArenasValueIsReadOnAnotherThreadAndIsStaleEverywhereAfterTheReset() throws InterruptedException {
        AtomicLong read = new AtomicLong();
        try (ArenaAllocator shared = ArenaAllocator.builder().shared(true).build()) {
            PersistentMap<Long, Long> squares;
            try (AllocatorScope scope = CurrentAllocator.use(shared)) {
                squares = PersistentMap.empty(Codec.LONG, Codec.LONG).plusLong(3, 9).plusLong(4, 16);
            }
            Thread reader = Thread.ofVirtual().start(() -> read.set(squares.getLong(4)));
            reader.join();
            PersistentMap<Long, Long> kept = squares.copyToHeap();
            shared.reset();
            assertEquals(16, read.get());
            assertThrows(IllegalStateException.class, () -> squares.getLong(4));
            AtomicReference<Throwable> elsewhere = new AtomicReference<>();
            Thread.ofVirtual().start(() -> {
                try {
                    squares.getLong(4);
                } catch (Throwable t) {
                    elsewhere.set(t);
                }
            }).join();
            assertEquals(IllegalStateException.class, elsewhere.get().getClass());
            assertEquals(16, kept.getLong(4));
        }
    }

    @Test
    void aConfinedArenasValueRefusesOtherThreads() throws InterruptedException {
        try (ArenaAllocator confined = ArenaAllocator.create()) {
            PersistentMap<Long, Long> squares;
            try (AllocatorScope scope = CurrentAllocator.use(confined)) {
                squares = PersistentMap.empty(Codec.LONG, Codec.LONG).plusLong(3, 9);
            }
            AtomicReference<Throwable> elsewhere = new AtomicReference<>();
            Thread.ofVirtual().start(() -> {
                try {
                    squares.getLong(3);
                } catch (Throwable t) {
                    elsewhere.set(t);
                }
            }).join();
            assertEquals(WrongThreadException.class, elsewhere.get().getClass());
            assertEquals(9, squares.getLong(3), "the owner still reads it");
            assertEquals(9, squares.copyToHeap().getLong(3));
        }
    }
}
