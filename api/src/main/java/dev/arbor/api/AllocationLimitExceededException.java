package dev.arbor.api;

/**
 * An allocation would have taken an allocator past its configured byte limit. Nothing was
 * allocated; earlier blocks stay readable, and the allocator serves requests that fit again
 * (after a free or a reset).
 */
public final class AllocationLimitExceededException extends AllocationFailedException {
    private final long limitBytes;
    private final long usedBytes;

    public AllocationLimitExceededException(String allocator, long requestedBytes, long usedBytes, long limitBytes) {
        this(allocator, requestedBytes, usedBytes, limitBytes, "limit");
    }

    /**
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

    /** The configured limit, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }

    /** The bytes already counted against the limit when the request came. */
    public long usedBytes() {
        return usedBytes;
    }
}
