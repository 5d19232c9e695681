package dev.arbor.arena;

import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.InvalidFreeException;

/** Every exception the arena throws is built here, so messages stay uniform and complete. */
final class Errors {
    private Errors() {
    }

    static IllegalStateException closed(String arena, String operation) {
        return new IllegalStateException("arena '" + arena + "' is closed; cannot " + operation
                + " (create a new arena, or close it only when done with it)");
    }

    static WrongThreadException wrongThread(String arena, String operation, Thread owner) {
        return new WrongThreadException("arena '" + arena + "' is confined to thread " + owner
                + ", which created it; thread " + Thread.currentThread() + " cannot " + operation
                + " it. To use one arena from several threads, create it shared: "
                + "ArenaAllocator.builder().shared(true).build(), or configuration key shared=true");
    }

    static IllegalArgumentException badAlignment(long alignment) {
        return new IllegalArgumentException("alignment " + alignment + " is not supported: use a power of two from 1 to "
                + ArenaAllocator.MAX_ALIGNMENT);
    }

    static IllegalArgumentException badSize(long bytes) {
        return new IllegalArgumentException("block size " + bytes + " is negative; use 0 or more bytes");
    }

    static AllocationFailedException systemRefused(String arena, long requested, long reserveBytes, long reservedSoFar) {
        return new AllocationFailedException(arena, requested, "arena '" + arena + "' could not obtain " + reserveBytes
                + " bytes from the system for a request of " + requested + " bytes (" + reservedSoFar
                + " bytes already reserved); reset or close arenas, or allocate less");
    }

    static InvalidFreeException notOwned(String arena, long address, long bytes) {
        return new InvalidFreeException(address, "arena '" + arena + "' did not hand out a live block of " + bytes
                + " bytes at 0x" + Long.toHexString(address)
                + ": free it through the allocator that owns it (RoutingHeap.freeAddress finds it), and only once");
    }

    static InvalidFreeException wrongSize(String arena, long address, long bytes, long actual) {
        return new InvalidFreeException(address, "arena '" + arena + "': the block at 0x" + Long.toHexString(address)
                + " has " + actual + " bytes, but it was freed as " + bytes + " bytes; pass the size it was allocated with");
    }
}
