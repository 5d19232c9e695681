package dev.arbor.junit;

import dev.arbor.api.Allocator;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.counting.Measured;
import java.util.Objects;
import java.util.function.Supplier;

/** Allocation assertions for one operation inside a test. */
public final class Allocations {
    private Allocations() {
    }

    /**
     * Runs {@code operation} with a counter current over the allocator that is current now (else
     * the default), asserts it allocated at most {@code maxBlocks} blocks, and returns its result.
     *
     * @param <T>       the result's type
     * @param maxBlocks the most blocks {@code operation} may allocate; below zero, no limit
     * @param operation the code to measure
     * @return what {@code operation} returned
     * @throws org.opentest4j.AssertionFailedError with the counts, if it allocated more
     */
    public static <T> T assertAllocatesAtMost(long maxBlocks, Supplier<T> operation) {
        Objects.requireNonNull(operation, "operation");
        Allocator under = RoutingHeap.target();
        try (CountingAllocator counter = CountingAllocator.over(under)) {
            Measured<T> measured = counter.measure(operation);
            ArborExtension.check(maxBlocks, -1, measured.delta(), "the operation");
            return measured.result();
        }
    }
}
