package dev.arbor.collections.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.RefusingAllocator;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import java.util.function.Supplier;

/**
 * Zig's {@code checkAllAllocationFailures} for one operation: runs it with the k-th allocation
 * refused, for k = 1, 2, ... until it succeeds, and after each failure checks that it threw
 * {@link AllocationFailedException}, that the allocator holds exactly the blocks it held before
 * (the operation freed what it had allocated), and that the inputs are unchanged.
 */
public final class AllocationFailures {
    private static final java.util.concurrent.atomic.AtomicLong INJECTED = new java.util.concurrent.atomic.AtomicLong();

    private AllocationFailures() {
    }

    /** How many failures {@link #check} injected so far (so a test can tell it exercised some). */
    public static long injected() {
        return INJECTED.get();
    }

    /**
     * Returns the result of the first run that succeeds.
     *
     * @param failing   the allocator made current for the operation
     * @param what      names the operation in messages
     * @param operation the operation
     * @param unchanged asserts that the inputs are as before (called after each failure)
     */
    public static <T> T check(RefusingAllocator failing, String what, Supplier<T> operation, Runnable unchanged) {
        for (int k = 1; k < 10_000; k++) {
            long liveBefore = failing.delegate().stats().liveBlocks();
            failing.refuseFrom(k);
            T result;
            try (AllocatorScope s = CurrentAllocator.use(failing)) {
                result = operation.get();
            } catch (AllocationFailedException e) {
                failing.allowAll();
                INJECTED.incrementAndGet();
                assertTrue(e.getMessage().contains("on purpose"), what + ": " + e);
                assertEquals(liveBefore, failing.delegate().stats().liveBlocks(),
                        what + ": blocks left allocated after refusing allocation #" + k);
                try (AllocatorScope s = CurrentAllocator.use(failing)) {
                    unchanged.run();
                }
                continue;
            } finally {
                failing.allowAll();
            }
            return result;
        }
        return fail(what + " still failing after 10,000 refused allocations");
    }
}
