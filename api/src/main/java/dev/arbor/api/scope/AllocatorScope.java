package dev.arbor.api.scope;

import dev.arbor.api.Allocator;

/**
 * A level of the current thread's allocator stack, opened by {@link CurrentAllocator#use}.
 * Close it with try-with-resources, on the thread that opened it, innermost first.
 */
public final class AllocatorScope implements AutoCloseable {
    private final Frame frame;
    private boolean closed;

    AllocatorScope(Frame frame) {
        this.frame = frame;
    }

    /** {@return the allocator this scope made current; null if it selects the default allocator} */
    public Allocator allocator() {
        return frame.allocator();
    }

    /**
     * Restores the allocator that was current when this scope was opened.
     *
     * @throws WrongThreadException  if called from another thread than the one that opened it
     * @throws IllegalStateException if a scope opened later is still open (out-of-order close),
     *                               or this scope is already closed; nothing changes then
     */
    @Override
    public void close() {
        CurrentAllocator.close(this, frame);
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "AllocatorScope[" + frame.describe() + (closed ? ", closed" : "") + "]";
    }
}
