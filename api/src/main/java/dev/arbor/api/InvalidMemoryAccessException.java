package dev.arbor.api;

/**
 * Checked raw access ({@code -Darbor.memory.checked=true}) found an address outside every live
 * block: the block was freed, its allocator reset or closed, or the address was never handed out.
 * Nothing was read or written.
 */
public final class InvalidMemoryAccessException extends IllegalStateException {
    /** The first address of the refused access. */
    private final long address;

    /**
     * Creates the exception.
     *
     * @param address the first address of the refused access
     * @param message the detail message
     */
    public InvalidMemoryAccessException(long address, String message) {
        super(message);
        this.address = address;
    }

    /** {@return the first address of the refused access} */
    public long address() {
        return address;
    }
}
