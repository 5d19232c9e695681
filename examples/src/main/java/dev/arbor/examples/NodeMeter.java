package dev.arbor.examples;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import java.lang.management.ManagementFactory;

/** Reads node counts from an allocator's stats, and the thread's JVM allocation counter. */
final class NodeMeter {
    private NodeMeter() {
    }

    /** Blocks the allocator saw: a counting allocator's own count, else the allocator's. */
    static long nodes(Allocator allocator) {
        AllocatorStats s = allocator.stats();
        return s.details().containsKey("countedBlocks") ? s.detail("countedBlocks") : s.blocksAllocated();
    }

    /** Bytes the allocator saw, the same way as {@link #nodes}. */
    static long bytes(Allocator allocator) {
        AllocatorStats s = allocator.stats();
        return s.details().containsKey("countedBytes") ? s.detail("countedBytes") : s.bytesAllocated();
    }

    /** What reading the counter twice allocates by itself, to subtract from a measurement. */
    static long measuringOverhead() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = threadAllocatedBytes();
            least = Math.min(least, threadAllocatedBytes() - before);
        }
        return least;
    }

    /** Bytes this thread allocated on the JVM heap so far (HotSpot's per-thread counter), or -1. */
    static long threadAllocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot) {
            return hotspot.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }
}
