package dev.arbor.api.memory;

/**
 * Index arithmetic for per-thread slots in a shared array: a thread reaches its slot from its id
 * (a field read) instead of a thread-local lookup, and slots lie a cache line apart, so threads
 * that write their own slots never write the same line unless their ids collide.
 */
final class CacheSlots {
    /** Slots: a power of two, enough that the threads of a busy machine rarely collide. */
    static final int SLOTS = 64;
    /** References from one slot to the next: 64 bytes with compressed references, 128 without. */
    static final int STRIDE = 16;

    private CacheSlots() {
    }

    /** The calling thread's slot: an index into an array of {@code SLOTS * STRIDE} elements. */
    static int ofCurrentThread() {
        return ((int) Thread.currentThread().threadId() & (SLOTS - 1)) * STRIDE;
    }
}
