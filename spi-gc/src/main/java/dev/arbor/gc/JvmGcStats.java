package dev.arbor.gc;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the JVM's collector and heap counters for {@link GcAllocator#stats()}. */
final class JvmGcStats {
    /** Collections run by every collector of the JVM since it started. */
    static final String GC_COLLECTIONS = "gcCollections";
    /** Milliseconds spent collecting, summed over every collector (approximate, as the JVM reports it). */
    static final String GC_TIME_MILLIS = "gcTimeMillis";
    /** Heap bytes in use by every JVM object, Arbor's or not. */
    static final String HEAP_USED_BYTES = "heapUsedBytes";
    /** Heap bytes the JVM has obtained from the system. */
    static final String HEAP_COMMITTED_BYTES = "heapCommittedBytes";

    private JvmGcStats() {
    }

    /** The four counters above, in that order. */
    static Map<String, Long> read() {
        long collections = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // -1 means "not available" for this collector: skip it rather than subtract.
            collections += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Long> details = new LinkedHashMap<>();
        details.put(GC_COLLECTIONS, collections);
        details.put(GC_TIME_MILLIS, millis);
        details.put(HEAP_USED_BYTES, heap.getUsed());
        details.put(HEAP_COMMITTED_BYTES, heap.getCommitted());
        return details;
    }
}
