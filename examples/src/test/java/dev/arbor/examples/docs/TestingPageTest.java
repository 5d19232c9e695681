package dev.arbor.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.codec.Codec;
import dev.arbor.debug.DebugAllocator;
import dev.arbor.junit.AllocationBudget;
import dev.arbor.junit.Allocations;
import dev.arbor.junit.ArborExtension;
import dev.arbor.junit.WithAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArborExtension.class)
class TestingPageTest {
    @Test
    @AllocationBudget(blocks = 100)                           // fails the test, with the counts, past 100 blocks
    void buildsAMapInAnArena(@WithAllocator(value = "arena", config = "chunkSize=64k", current = true) ArenaAllocator arena) {
        PersistentMap<Long, Long> squares = PersistentMap.empty(Codec.LONG, Codec.LONG);
        for (long i = 0; i < 10; i++) {
            squares = squares.plusLong(i, i * i);             // native nodes of the arena, closed after the test
        }
        assertEquals(81, squares.getLong(9));
    }

    @Test
    void freesEveryBlock(@WithAllocator("debug") DebugAllocator debug) {  // a block left allocated fails the test
        debug.free(debug.allocate(64, 8, dev.arbor.api.BlockKind.NOREFS));
        PersistentMap<Long, Long> one = Allocations.assertAllocatesAtMost(1, () ->
                PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).plusLong(1, 1));
        assertEquals(1, one.size());
    }
}
