package dev.arbor.api.jmx;

import java.util.Map;

/**
 * An allocator's statistics over JMX, one MBean per allocator registered with
 * {@link AllocatorMBeans#register}: each attribute reads a fresh
 * {@link dev.arbor.api.AllocatorStats} snapshot.
 */
public interface AllocatorMXBean {
    /** {@return the allocator's name} */
    String getName();

    /** {@return whether the allocator is open} */
    boolean isOpen();

    /** {@return the blocks handed out since creation} */
    long getBlocksAllocated();

    /** {@return the blocks given back one by one since creation} */
    long getBlocksFreed();

    /** {@return the bytes requested since creation} */
    long getBytesAllocated();

    /** {@return the bytes currently handed out, padding for alignment included} */
    long getBytesInUse();

    /** {@return the bytes currently obtained from the system (chunks, large blocks)} */
    long getBytesReserved();

    /** {@return the most bytes handed out at once} */
    long getPeakBytesInUse();

    /** {@return how many times the allocator was reset} */
    long getResets();

    /** {@return the JVM objects currently kept reachable by the allocator's root table} */
    long getPinnedRoots();

    /** {@return the allocator's own counters by name} */
    Map<String, Long> getDetails();
}
