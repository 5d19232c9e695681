package dev.arbor.api;

/**
 * Checked raw access ({@code -Darbor.memory.checked=true}) found an address outside every live
 * block: the block was freed, its allocator reset or closed, or the address was never handed out.
 * Nothing was read or written.
 */
public final class InvalidMemoryAccessException extends IllegalStateException {
    private final long address;

    public InvalidMemoryAccessException(long address, String message) {
        super(message);
        this.address = address;
    }

    /** The first address of the refused access. */
    public long address() {
        return address;
    }
}
