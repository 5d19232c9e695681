package dev.arbor.api.memory;

/**
 * Per-thread slots in shared state: a thread reaches its slot from its id (a field read) instead
 * of a thread-local lookup. Laid out a cache line apart (an array with a {@link #STRIDE}, or
 * objects of 64 bytes or more), threads that write their own slots never write the same line
 * unless their ids collide. Threads whose ids collide share a slot, so what a slot holds must stay
 * correct when shared.
 */
public final class ThreadSlots {
    /** Slots: a power of two, so that a few threads rarely collide. */
    public static final int SLOTS = 64;
    /** Array elements from one slot to the next: 64 bytes of compressed references, 128 of plain ones. */
    public static final int STRIDE = 16;

    private ThreadSlots() {
    }

    /**
     * The calling thread's slot.
     *
     * @return a slot number from 0 to {@code SLOTS - 1}; multiply by {@link #STRIDE} to index an
     *         array that spaces its slots
     */
    public static int ofCurrentThread() {
        return (int) Thread.currentThread().threadId() & (SLOTS - 1);
    }
}
