package dev.arbor.examples;

import dev.arbor.api.Allocator;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;

/**
 * The direction rule and copy-out, end to end: a map built in an arena, copied out to the JVM
 * heap, then the arena reset. The copy lives on; the original refuses every use.
 */
final class CopyOutDemo {
    private CopyOutDemo() {
    }

    static String run(Allocator arena) {
        StringBuilder out = new StringBuilder("Copy-out across a reset:\n");
        PersistentMap<Long, Long> inArena;
        PersistentMap<Long, Long> copied;
        long blocksBefore = arena.stats().blocksAllocated();
        try (AllocatorScope scope = CurrentAllocator.use(arena)) {
            TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            for (long k = 0; k < 1_000; k++) {
                t.putLong(k, k * k);
            }
            inArena = t.persistent();
            copied = inArena.copyToHeap();
        }
        out.append("  built a map of 1,000 squares in the arena (")
                .append(arena.stats().blocksAllocated() - blocksBefore).append(" native blocks allocated on the way)")
                .append(", copied them to the heap, and reset the arena\n");
        try {
            inArena.plusLong(1_000, 1_000_000);
        } catch (IllegalStateException e) {
            out.append("  updating the arena's map outside its scope: ").append(e.getClass().getSimpleName()).append(": ")
                    .append(e.getMessage()).append('\n');
        }
        arena.reset();
        out.append("  the copy after the reset: size ").append(copied.size()).append(", 31 squared = ")
                .append(copied.getLong(31)).append('\n');
        try {
            inArena.getLong(31);
            out.append("  the arena's map after the reset: still readable (a bug)\n");
        } catch (IllegalStateException e) {
            out.append("  the arena's map after the reset: ").append(e.getClass().getSimpleName()).append(": ")
                    .append(e.getMessage()).append('\n');
        }
        return out.toString();
    }
}
