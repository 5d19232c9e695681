package dev.arbor.api;

/**
 * An allocation could not be served: the system refused the memory, or a limit was reached.
 * The allocator and every block it handed out before stay intact and usable.
 */
public class AllocationFailedException extends RuntimeException {
    /** The name of the allocator that refused. */
    private final String allocator;
    /** The size of the refused request, in bytes. */
    private final long requestedBytes;

    /**
     * Creates the exception without a cause.
     *
     * @param allocator the name of the allocator that refused
     * @param requestedBytes the size of the refused request, in bytes
     * @param message the detail message
     */
    public AllocationFailedException(String allocator, long requestedBytes, String message) {
        this(allocator, requestedBytes, message, null);
    }

    /**
     * Creates the exception with the failure that made the allocator refuse.
     *
     * @param allocator the name of the allocator that refused
     * @param requestedBytes the size of the refused request, in bytes
     * @param message the detail message
     * @param cause the failure that made the allocator refuse, or {@code null} if none
     */
    public AllocationFailedException(String allocator, long requestedBytes, String message, Throwable cause) {
        super(message, cause);
        this.allocator = allocator;
        this.requestedBytes = requestedBytes;
    }

    /** {@return the name of the allocator that refused} */
    public String allocator() {
        return allocator;
    }

    /** {@return the size of the refused request, in bytes} */
    public long requestedBytes() {
        return requestedBytes;
    }
}
