package dev.arbor.counting;

import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.scope.CurrentAllocator;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A decorator that counts every block allocated through it, per {@link BlockKind}, and every
 * block freed, so a test can say "this operation allocated exactly N nodes":
 *
 * <pre>{@code
 * try (CountingAllocator counter = CountingAllocator.over(arena)) {
 *     Measured<PersistentVector<Long>> appended = counter.measure(() -> vector.appendLong(42));
 *     assertEquals(1, appended.delta().blocks());
 * }
 * }</pre>
 *
 * <p>What it counts, each only once the delegate succeeded: every allocation (segments, and the
 * nodes collections make under it, native or JVM objects alike) and every free. Counters are
 * exact under concurrent use; a {@linkplain #snapshot() snapshot} is exact when no other thread
 * allocates through this counter meanwhile. {@link #stats()} reports the counted blocks and bytes.
 *
 * <p>Everything else delegates: {@link #isNative()}, {@link #roots()}, {@link #generation()},
 * {@link #reset()}. Over a native delegate, frees of the delegate's blocks reach the counter
 * first while it is open, whichever allocator is current when a collection frees them; one counter
 * at a time can stand in front of a given native allocator.
 *
 * <p><b>Budget.</b> With a budget, an allocation that would take the bytes allocated since
 * creation (or since the last {@link #reset()}) past it throws
 * {@link AllocationLimitExceededException}, allocates nothing and counts nothing. Frees do not
 * give budget back: managed nodes are never freed explicitly (the JVM reclaims them), and a
 * budget bounds how much an operation may allocate, not how much it keeps.
 *
 * <p><b>Ownership.</b> {@link #over(Allocator)} never closes the delegate; a counter created by
 * {@link CountingProvider} with a {@code delegate} setting owns the delegate it created and
 * closes it on {@link #close()}.
 */
public sealed interface CountingAllocator extends Allocator permits CountingDecorator {

    /**
     * A counter over {@code delegate}, without a budget; closing the counter leaves the delegate open.
     *
     * @param delegate the allocator that serves the allocations
     * @return a new, open counter
     * @throws IllegalStateException if {@code delegate} is closed
     */
    static CountingAllocator over(Allocator delegate) {
        return CountingDecorator.over(delegate, false, CountingDecorator.NO_BUDGET);
    }

    /**
     * A counter over {@code delegate} that refuses allocations past {@code budgetBytes} bytes
     * (see the class comment); closing the counter leaves the delegate open.
     *
     * @param delegate    the allocator that serves the allocations
     * @param budgetBytes the most bytes allocated since creation or the last reset, {@code >= 0}
     * @return a new, open counter
     * @throws IllegalArgumentException if {@code budgetBytes} is negative
     * @throws IllegalStateException    if {@code delegate} is closed
     */
    static CountingAllocator over(Allocator delegate, long budgetBytes) {
        return CountingDecorator.over(delegate, false, budgetBytes);
    }

    /** {@return the allocator this counter wraps} */
    Allocator delegate();

    /** {@return the budget in bytes, or an empty optional if this counter has none} */
    OptionalLong budgetBytes();

    /** {@return the counters at the time of the call} */
    CountingSnapshot snapshot();

    /**
     * What was allocated and freed through this counter since {@code before} was taken.
     *
     * @param before a snapshot of this counter
     * @return the difference between the counters at the time of the call and {@code before}
     */
    AllocationDelta since(CountingSnapshot before);

    /**
     * Runs {@code operation} with this counter as the thread's current allocator
     * ({@link CurrentAllocator#use}), so every node the routing heap makes on this thread is
     * counted, and returns what it allocated and freed. The previous current allocator is current
     * again afterwards, also when {@code operation} throws.
     *
     * @param operation the code to measure
     * @return what {@code operation} allocated and freed through this counter
     * @throws IllegalStateException if the counter is closed
     */
    AllocationDelta measure(Runnable operation);

    /**
     * As {@link #measure(Runnable)}, for an operation with a result: returns the result with what
     * computing it allocated and freed.
     *
     * @param <T>       the result's type
     * @param operation the code to measure
     * @return the result with what computing it allocated and freed through this counter
     * @throws IllegalStateException if the counter is closed
     */
    <T> Measured<T> measure(Supplier<T> operation);

    /**
     * The counted blocks and bytes ({@code blocksAllocated}, {@code bytesAllocated},
     * {@code blocksFreed}) under this counter's name; {@code bytesInUse}, {@code bytesReserved},
     * {@code peakBytesInUse}, {@code resets} and {@code pinnedRoots} are the delegate's. The
     * details add the counts per kind ({@code countedRefsBlocks}, ...), {@code budgetBytes} and
     * {@code budgetUsedBytes} with a budget, and the delegate's details.
     */
    @Override
    AllocatorStats stats();

    /**
     * Stops counting: frees go straight to the delegate again, and the delegate is closed if this
     * counter owns it (see the class comment).
     *
     * @throws IllegalStateException         if already closed
     * @throws UnsupportedOperationException if this counter is the default allocator
     */
    @Override
    void close();
}
