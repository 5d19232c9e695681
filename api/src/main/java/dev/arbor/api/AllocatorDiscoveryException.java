package dev.arbor.api;

/**
 * Allocator plugins on the classpath do not say which allocator to use: none or several claim
 * to be the default, or a requested name is unknown. The message lists what was found and how to
 * choose.
 */
public final class AllocatorDiscoveryException extends IllegalStateException {
    /**
     * Creates the exception.
     *
     * @param message what was found and how to choose
     */
    public AllocatorDiscoveryException(String message) {
        super(message);
    }
}
