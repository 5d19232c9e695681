package dev.arbor.api;

/**
 * An allocation could not be served: the system refused the memory, or a limit was reached.
 * The allocator and every block it handed out before stay intact and usable.
 */
public class AllocationFailedException extends RuntimeException {
    private final String allocator;
    private final long requestedBytes;

    public AllocationFailedException(String allocator, long requestedBytes, String message) {
        this(allocator, requestedBytes, message, null);
    }

    public AllocationFailedException(String allocator, long requestedBytes, String message, Throwable cause) {
        super(message, cause);
        this.allocator = allocator;
        this.requestedBytes = requestedBytes;
    }

    /** The name of the allocator that refused. */
    public String allocator() {
        return allocator;
    }

    /** The size of the refused request, in bytes. */
    public long requestedBytes() {
        return requestedBytes;
    }
}
