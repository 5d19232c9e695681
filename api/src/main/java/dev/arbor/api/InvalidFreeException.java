package dev.arbor.api;

/**
 * A block was freed that is not live in the allocator asked to free it: freed twice, never
 * handed out by it, or freed with the wrong size. Nothing was changed.
 */
public final class InvalidFreeException extends IllegalArgumentException {
    /** The address that was passed to free. */
    private final long address;

    /**
     * Creates the exception.
     *
     * @param address the address that was passed to free
     * @param message the detail message
     */
    public InvalidFreeException(long address, String message) {
        super(message);
        this.address = address;
    }

    /** {@return the address that was passed to free} */
    public long address() {
        return address;
    }
}
