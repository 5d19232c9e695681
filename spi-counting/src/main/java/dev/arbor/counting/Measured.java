package dev.arbor.counting;

import java.util.Objects;

/**
 * An operation's result with what computing it allocated and freed, from
 * {@link CountingAllocator#measure(java.util.function.Supplier)}.
 *
 * @param result the operation's result (may be null)
 * @param delta  what the operation allocated and freed through the counter
 * @param <T>    the result's type
 */
public record Measured<T>(T result, AllocationDelta delta) {
    /**
     * Checks that {@code delta} is present.
     *
     * @throws NullPointerException if {@code delta} is null
     */
    public Measured {
        Objects.requireNonNull(delta, "delta");
    }
}
