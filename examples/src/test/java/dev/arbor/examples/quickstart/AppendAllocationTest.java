package dev.arbor.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.counting.AllocationDelta;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.counting.Measured;
import org.junit.jupiter.api.Test;

class AppendAllocationTest {
    @Test
    void appendingToAVectorWithRoomInItsTailCopiesOnlyTheTail() {
        try (ArenaAllocator arena = ArenaAllocator.create();
             CountingAllocator counter = CountingAllocator.over(arena)) {
            Measured<PersistentVector<Long>> built = counter.measure(() -> {
                PersistentVector<Long> v = PersistentVector.empty(Codec.LONG);
                for (long i = 0; i < 1_000; i++) {
                    v = v.appendLong(i);
                }
                return v;
            });
            AllocationDelta append = counter.measure(() -> built.result().appendLong(1_000)).delta();
            assertEquals(1, append.blocks());                   // a new tail, nothing else
            assertEquals(counter.snapshot().blocks(), counter.stats().blocksAllocated());
        }
    }
}
