package dev.arbor.api.memory;

/**
 * Index arithmetic for per-thread slots in a shared array: a thread reaches its slot from its id
 * (a field read) instead of a thread-local lookup, and slots lie a cache line apart, so threads
 * that write their own slots never write the same line unless their ids collide. Threads whose
 * ids collide share a slot, so what a slot holds must stay correct when shared.
 */
public final class ThreadSlots {
    /** Slots: a power of two, so that a few threads rarely collide. */
    public static final int SLOTS = 64;
    /** Elements from one slot to the next: 64 bytes of {@code int}s or compressed references, 128 of plain references. */
    public static final int STRIDE = 16;

    private ThreadSlots() {
    }

    /**
     * The calling thread's slot.
     *
     * @return an index into an array of {@code SLOTS * STRIDE} elements
     */
    public static int ofCurrentThread() {
        return ((int) Thread.currentThread().threadId() & (SLOTS - 1)) * STRIDE;
    }
}
