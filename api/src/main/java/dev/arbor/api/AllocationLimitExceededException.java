package dev.arbor.api;

/**
 * An allocation would have taken an allocator past its configured byte limit. Nothing was
 * allocated; earlier blocks stay readable, and the allocator serves requests that fit again
 * (after a free or a reset).
 */
public final class AllocationLimitExceededException extends AllocationFailedException {
    /** The configured limit, in bytes. */
    private final long limitBytes;
    /** The bytes already counted against the limit when the request came. */
    private final long usedBytes;

    /**
     * Creates the exception; its message names {@code limit} as the configuration key that sets the limit.
     *
     * @param allocator the name of the allocator that refused
     * @param requestedBytes the size of the refused request, in bytes
     * @param usedBytes the bytes already counted against the limit when the request came
     * @param limitBytes the configured limit, in bytes
     */
    public AllocationLimitExceededException(String allocator, long requestedBytes, long usedBytes, long limitBytes) {
        this(allocator, requestedBytes, usedBytes, limitBytes, "limit");
    }

    /**
     * Creates the exception; its message names the configuration key that sets the limit.
     *
     * @param allocator the name of the allocator that refused
     * @param requestedBytes the size of the refused request, in bytes
     * @param usedBytes the bytes already counted against the limit when the request came
     * @param limitBytes the configured limit, in bytes
     * @param settingKey the configuration key that sets the limit, named in the message
     */
    public AllocationLimitExceededException(String allocator, long requestedBytes, long usedBytes, long limitBytes,
            String settingKey) {
        super(allocator, requestedBytes, "allocator '" + allocator + "' cannot allocate " + requestedBytes
                + " bytes: " + usedBytes + " of its limit of " + limitBytes
                + " bytes are used; reset it, or raise its limit (configuration key '" + settingKey + "')");
        this.limitBytes = limitBytes;
        this.usedBytes = usedBytes;
    }

    /** {@return the configured limit, in bytes} */
    public long limitBytes() {
        return limitBytes;
    }

    /** {@return the bytes already counted against the limit when the request came} */
    public long usedBytes() {
        return usedBytes;
    }
}
