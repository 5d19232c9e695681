package dev.arbor.api.jmx;

import java.util.Map;

/**
 * An allocator's statistics over JMX, one MBean per allocator registered with
 * {@link AllocatorMBeans#register}: each attribute reads a fresh
 * {@link dev.arbor.api.AllocatorStats} snapshot.
 */
public interface AllocatorMXBean {
    /** The allocator's name. */
    String getName();

    /** Whether the allocator is open. */
    boolean isOpen();

    /** Blocks handed out since creation. */
    long getBlocksAllocated();

    /** Blocks given back one by one since creation. */
    long getBlocksFreed();

    /** Bytes requested since creation. */
    long getBytesAllocated();

    /** Bytes handed out now. */
    long getBytesInUse();

    /** Bytes obtained from the system now. */
    long getBytesReserved();

    /** The most bytes handed out at once. */
    long getPeakBytesInUse();

    /** Resets so far. */
    long getResets();

    /** JVM objects kept reachable for native memory. */
    long getPinnedRoots();

    /** The allocator's own counters by name. */
    Map<String, Long> getDetails();
}
