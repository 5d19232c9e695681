package dev.arbor.debug;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Freed blocks kept poisoned and unreleased, oldest first, up to a byte capacity. While a block is
 * here its memory stays reserved, so the system cannot hand its address out again: a second free
 * of it is certainly a double free, and a stale access reads poison instead of someone else's
 * data. Not thread-safe: guarded by the allocator's lock.
 */
final class Quarantine {
    private final long capacityBytes;
    private final LinkedHashMap<Long, BlockRecord> blocks = new LinkedHashMap<>();
    private long bytes;

    Quarantine(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** The quarantined block that starts at {@code address}, or null. */
    BlockRecord find(long address) {
        return blocks.get(address);
    }

    /**
     * Adds a freed block and returns the blocks that no longer fit, oldest first (possibly the
     * new one itself, when the capacity is 0): the caller releases them.
     */
    List<BlockRecord> add(BlockRecord block) {
        blocks.put(block.address, block);
        bytes += block.reservedBytes;
        List<BlockRecord> evicted = new ArrayList<>();
        Iterator<BlockRecord> oldestFirst = blocks.values().iterator();
        while (bytes > capacityBytes && oldestFirst.hasNext()) {
            BlockRecord old = oldestFirst.next();
            oldestFirst.remove();
            bytes -= old.reservedBytes;
            evicted.add(old);
        }
        return evicted;
    }

    /** Removes and returns every block, for close. */
    List<BlockRecord> drain() {
        List<BlockRecord> all = new ArrayList<>(blocks.values());
        blocks.clear();
        bytes = 0;
        return all;
    }

    /** Reserved bytes held, alignment padding included. */
    long bytes() {
        return bytes;
    }

    int size() {
        return blocks.size();
    }
}
