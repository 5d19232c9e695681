package dev.arbor.api;

/**
 * A block was freed that is not live in the allocator asked to free it: freed twice, never
 * handed out by it, or freed with the wrong size. Nothing was changed.
 */
public final class InvalidFreeException extends IllegalArgumentException {
    private final long address;

    public InvalidFreeException(long address, String message) {
        super(message);
        this.address = address;
    }

    /** The address that was passed to free. */
    public long address() {
        return address;
    }
}
