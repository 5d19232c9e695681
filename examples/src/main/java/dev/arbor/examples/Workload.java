package dev.arbor.examples;

import dev.arbor.api.BlockKind;
import dev.arbor.api.heap.RoutingHeap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The same work under every allocator: records of 64 bytes allocated through the routing heap
 * (so whichever allocator is current serves them), filled, then read back. The result must not
 * depend on the allocator.
 */
final class Workload {
    static final int RECORDS = 100_000;
    private static final long RECORD_BYTES = 64;

    private Workload() {
    }

    /** Allocates and fills {@link #RECORDS} records, then returns the checksum of their contents. */
    static long run() {
        List<MemorySegment> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            MemorySegment record = RoutingHeap.allocate(RECORD_BYTES, 8, BlockKind.NOREFS);
            for (int field = 0; field < RECORD_BYTES / Long.BYTES; field++) {
                record.setAtIndex(ValueLayout.JAVA_LONG, field, (long) i * field);
            }
            records.add(record);
        }
        long checksum = 0;
        for (MemorySegment record : records) {
            for (int field = 0; field < RECORD_BYTES / Long.BYTES; field++) {
                checksum += record.getAtIndex(ValueLayout.JAVA_LONG, field);
            }
        }
        return checksum;
    }
}
