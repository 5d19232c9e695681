package dev.arbor.examples.quickstart;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;

public final class ArenaQuickStart {
    public static void main(String[] args) {
        PersistentMap<Long, Long> squares;
        try (ArenaAllocator arena = ArenaAllocator.create();
             AllocatorScope scope = CurrentAllocator.use(arena)) {
            TransientMap<Long, Long> building = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            for (long i = 0; i < 100_000; i++) {
                building.putLong(i, i * i);               // nodes are native memory of the arena
            }
            PersistentMap<Long, Long> inArena = building.persistent();
            System.out.println(inArena.getLong(1_000));   // 1000000, read without boxing
            squares = inArena.copyToHeap();               // JVM objects: they outlive the arena
        } // the arena frees every node at once; using inArena now throws IllegalStateException
        System.out.println(squares.size() + " " + squares.getLong(2_000)); // 100000 4000000
    }
}
