package dev.arbor.examples.docs;

import dev.arbor.api.Allocator;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;

/** The snippets of {@code docs/collections.md}, word for word (DocsSnippetsTest checks it). */
public final class CollectionsPage {
    private CollectionsPage() {
    }

    /** The first snippet; returns its values for the test. */
    public static Object[] tour() {
        PersistentVector<String> v = PersistentVector.of("a", "b").append("c");   // java.util.List, read-only
        PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG) // no boxed objects inside
                .plusLong(1, 10).plusLong(2, 20);
        long ten = m.getLong(1);                                                   // no boxing either
        TransientMap<Long, Long> t = m.asTransient();                              // a builder that edits nodes it owns
        for (long k = 3; k < 1_000; k++) t.putLong(k, k * 10);
        PersistentMap<Long, Long> big = t.persistent();                            // t is unusable from here on
        PersistentMap<Long, Long> both = big.plusAll(m.plusLong(2, 21));           // joined node by node, sharing subtrees
        PersistentMap<Long, Long> rest = big.minusAll(m.keySet());                // walked as two tries: keys 3..999
        PersistentMap<Long, Long> ours = big.intersectKeys(m.keySet());           // keys 1 and 2
        return new Object[] {v, ten, big, both, rest, ours};
    }

    /** The copy-out snippet; returns {@code x}. */
    public static long copyOut() {
        PersistentMap<Long, Long> squares;
        try (Allocator arena = Allocators.create("arena")) {
            try (AllocatorScope scope = CurrentAllocator.use(arena)) {
                TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (long k = 0; k < 1_000; k++) {
                    t.putLong(k, k * k);               // native nodes, from the arena
                }
                PersistentMap<Long, Long> inArena = t.persistent();
                squares = inArena.copyToHeap();        // managed copy: outlives the arena
            }
            arena.reset();                             // inArena would now throw on any use
        }
        long x = squares.getLong(31);                  // 961
        return x;
    }
}
