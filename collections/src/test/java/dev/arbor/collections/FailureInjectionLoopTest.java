package dev.arbor.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.RefusingAllocator;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The public failure-injection decorator over an arena: every allocation of a union refused in
 * turn, native nodes included, until the union succeeds; each failure leaves the value it started
 * from intact and readable, and the arena's bytes in use as they were.
 */
class FailureInjectionLoopTest {

    @Test
    void everyAllocationOfAUnionFailsInTurnAndNothingIsLostOrLeaked() {
        try (ArenaAllocator arena = ArenaAllocator.create();
             RefusingAllocator refusing = RefusingAllocator.over(arena)) {
            PersistentMap<Long, Long> base;
            PersistentMap<Long, Long> other;
            Map<Long, Long> model = new HashMap<>();
            try (AllocatorScope scope = CurrentAllocator.use(refusing)) {
                TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                TransientMap<Long, Long> o = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (long k = 0; k < 2_000; k++) {
                    t.putLong(k, k);
                    model.put(k, k);
                    o.putLong(k + 1_000, -k);
                }
                base = t.persistent();
                other = o.persistent();
            }
            long failures = 0;
            for (long k = 1; ; k++) {
                long inUse = arena.stats().bytesInUse();
                refusing.refuseFrom(k);
                try (AllocatorScope scope = CurrentAllocator.use(refusing)) {
                    PersistentMap<Long, Long> updated = base.plusAll(other); // one operation: all or nothing
                    refusing.allowAll();
                    assertEquals(3_000, updated.size());
                    assertEquals(-1_999, updated.getLong(2_999));
                    break;
                } catch (AllocationFailedException refused) {
                    failures++;
                    refusing.allowAll();
                    assertEquals(model, base, "a failed update changed the value it started from (k = " + k + ")");
                    assertEquals(inUse, arena.stats().bytesInUse(), "k = " + k + ": a failed update kept memory");
                }
            }
            assertTrue(failures > 10, "the update allocated native nodes through the decorator: " + failures);
            assertEquals(failures, refusing.refusals());
        }
    }
}
