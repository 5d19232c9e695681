package dev.arbor.api;

import dev.arbor.api.memory.NativeAllocator;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * A decorator for failure-injection tests: it numbers every allocation made through it (segments,
 * native nodes and the JVM-object nodes collections report while it is current), from 1, and
 * refuses the ones a rule selects with {@link AllocationFailedException}, before the delegate is
 * asked. Everything else goes to the delegate; over a native allocator the decorator reads and
 * frees the delegate's memory, so collections treat the two as the same memory.
 *
 * <p>The loop that checks an operation survives every allocation failing in turn (as Zig's
 * {@code checkAllAllocationFailures} does):
 *
 * <pre>{@code
 * try (RefusingAllocator refusing = RefusingAllocator.over(arena)) {
 *     for (long k = 1; ; k++) {
 *         refusing.refuseFrom(k);
 *         try (AllocatorScope scope = CurrentAllocator.use(refusing)) {
 *             operation.run();
 *             break;                                 // k is past the operation's last allocation
 *         } catch (AllocationFailedException expected) {
 *             checkNothingChangedOrLeaked();        // the failure left everything as it was
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe: the count is atomic. Closing the decorator leaves the delegate open.
 */
public sealed interface RefusingAllocator extends Allocator permits Refusing {

    /**
     * A decorator over {@code delegate} that refuses nothing until told to.
     *
     * @param delegate the allocator that serves the allocations not refused
     * @return a new decorator; native if {@code delegate} is one of Arbor's native allocators
     */
    static RefusingAllocator over(Allocator delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return delegate instanceof NativeAllocator n ? new Refusing.Native(n) : new Refusing(delegate);
    }

    /**
     * Refuses the {@code k}-th allocation from now (1 is the next one) and every later one, until
     * {@link #allowAll()}.
     *
     * @param k the number of the first allocation to refuse, counted from the next one (1)
     * @throws IllegalArgumentException if {@code k < 1}
     */
    void refuseFrom(long k);

    /**
     * Refuses every allocation whose number (counted since this decorator was made, from 1) the
     * rule accepts, until {@link #allowAll()}.
     *
     * @param allocationNumber accepts the numbers of the allocations to refuse
     */
    void refuseIf(LongPredicate allocationNumber);

    /** Stops refusing. */
    void allowAll();

    /** {@return the allocations asked of this decorator so far, refused ones included} */
    long allocations();

    /** {@return the allocations refused so far} */
    long refusals();

    /** {@return the allocator this decorator hands allocations to} */
    Allocator delegate();

    /**
     * Stops refusing and leaves the delegate open.
     *
     * @throws IllegalStateException if already closed
     */
    @Override
    void close();
}
