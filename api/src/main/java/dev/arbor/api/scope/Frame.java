package dev.arbor.api.scope;

import dev.arbor.api.Allocator;

/**
 * One level of the current-allocator stack. {@code allocator} is null for a level that selects
 * the default allocator. {@code depth} orders thread-local levels against a scoped-value binding
 * so the innermost wins, whichever mechanism opened it.
 */
record Frame(Allocator allocator, Frame restore, int depth, Kind kind, Thread thread) {
    enum Kind {
        /** Opened by {@link CurrentAllocator#use}; closed by {@link AllocatorScope#close()}. */
        SCOPE,
        /** Opened by {@link CurrentAllocator#enter}; closed by {@link CurrentAllocator#exit()}. */
        ENTERED,
        /** A {@link ScopedValue} binding made by {@link CurrentAllocator#call}. */
        BOUND
    }

    String describe() {
        return (allocator == null ? "the default allocator" : "allocator '" + allocator.name() + "'") + " (" + switch (kind) {
            case SCOPE -> "opened by CurrentAllocator.use";
            case ENTERED -> "opened by CurrentAllocator.enter";
            case BOUND -> "bound by CurrentAllocator.call/run";
        } + ")";
    }
}
