package dev.arbor.examples.docs;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.codec.Codec;

/** The snippet of {@code docs/memory-safety.md}, word for word (DocsSnippetsTest checks it). */
public final class MemorySafetyPage {
    private MemorySafetyPage() {
    }

    /** Runs the snippet: it prints 16 twice. */
    public static void sharedArena() throws InterruptedException {
        try (ArenaAllocator shared = ArenaAllocator.builder().shared(true).build()) {
            PersistentMap<Long, Long> squares;
            try (AllocatorScope scope = CurrentAllocator.use(shared)) {
                squares = PersistentMap.empty(Codec.LONG, Codec.LONG).plusLong(3, 9).plusLong(4, 16);
            }
            Thread reader = Thread.ofVirtual().start(() -> System.out.println(squares.getLong(4))); // 16
            reader.join();
            PersistentMap<Long, Long> kept = squares.copyToHeap(); // managed: outlives the arena
            shared.reset();                        // squares.getLong(4) now throws IllegalStateException, on every thread
            System.out.println(kept.getLong(4));   // 16
        }
    }
}
