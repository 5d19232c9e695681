package dev.arbor.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an allocator's counters. Counters an allocator does not keep are {@code 0};
 * allocator-specific counters (chunk count, JVM collections, ...) are in {@link #details()},
 * in a stable order.
 *
 * @param allocator      the allocator's {@linkplain Allocator#name() name}
 * @param blocksAllocated blocks handed out since creation
 * @param blocksFreed    blocks given back individually since creation
 * @param bytesAllocated bytes requested since creation
 * @param bytesInUse     bytes currently handed out, padding for alignment included
 * @param bytesReserved  bytes currently obtained from the system (chunks, large blocks)
 * @param peakBytesInUse the highest {@code bytesInUse} seen
 * @param resets         how many times the allocator was reset
 * @param pinnedRoots    JVM objects currently kept reachable by this allocator's root table
 * @param details        allocator-specific counters
 */
public record AllocatorStats(
        String allocator,
        long blocksAllocated,
        long blocksFreed,
        long bytesAllocated,
        long bytesInUse,
        long bytesReserved,
        long peakBytesInUse,
        long resets,
        long pinnedRoots,
        Map<String, Long> details) {

    /** Checks the name and copies {@code details} into an unmodifiable map in the same order. */
    public AllocatorStats {
        Objects.requireNonNull(allocator, "allocator");
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Live blocks: allocated and not individually freed (a reset does not change it).
     *
     * @return {@code blocksAllocated - blocksFreed}
     */
    public long liveBlocks() {
        return blocksAllocated - blocksFreed;
    }

    /**
     * One allocator-specific counter, or {@code 0} if this allocator does not keep it.
     *
     * @param key the counter's name in {@link #details()}
     * @return the counter's value, or {@code 0} if this allocator does not keep it
     */
    public long detail(String key) {
        return details.getOrDefault(key, 0L);
    }

    /**
     * A copy with other details, for decorators that add their own counters.
     *
     * @param moreDetails counters to add; one with the name of an existing counter replaces its value
     * @return a new snapshot with the same counters and the merged details
     */
    public AllocatorStats withDetails(Map<String, Long> moreDetails) {
        Map<String, Long> merged = new LinkedHashMap<>(details);
        merged.putAll(moreDetails);
        return new AllocatorStats(allocator, blocksAllocated, blocksFreed, bytesAllocated, bytesInUse,
                bytesReserved, peakBytesInUse, resets, pinnedRoots, merged);
    }
}
