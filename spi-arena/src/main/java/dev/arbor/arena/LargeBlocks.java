package dev.arbor.arena;

import dev.arbor.api.Allocator;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeMemory;
import java.util.HashMap;
import java.util.Map;

/**
 * Blocks too large for a chunk (above the arena's large threshold): each gets its own system
 * block, over-reserved by {@code alignment - 1} bytes so any alignment fits, registered with
 * {@link BlockOwners} before it is handed out. Like chunk memory, a freed large block stays
 * reserved until the arena resets or closes: an address is never handed out twice in one
 * generation, so a segment or a value still pointing at a freed block never reads memory the
 * system gave to someone else, and a second free is recognised and refused.
 *
 * <p>Not thread-safe: the arena calls it from its owner thread or under its lock.
 */
final class LargeBlocks {
    /** One system block: where it starts, how much was reserved, how much was asked for. */
    private static final class Block {
        final long base;
        final long reserved;
        final long requested;
        boolean freed;

        Block(long base, long reserved, long requested) {
            this.base = base;
            this.reserved = reserved;
            this.requested = requested;
        }
    }

    /** {@link #lookup} of an address that starts no large block of this generation. */
    static final long NONE = -1;
    /** {@link #lookup} of a large block that was already freed. */
    static final long FREED = -2;

    private final Allocator owner;
    /** By the address handed out (aligned, so possibly after {@code base}). */
    private final Map<Long, Block> byAddress = new HashMap<>();
    private long reservedBytes;
    private long freedReservedBytes;
    private int freedCount;

    LargeBlocks(Allocator owner) {
        this.owner = owner;
    }

    /** Live (not yet freed) large blocks. */
    int count() {
        return byAddress.size() - freedCount;
    }

    /** Bytes reserved from the system, freed blocks included (they go back at reset). */
    long reservedBytes() {
        return reservedBytes;
    }

    /** Bytes reserved for blocks not yet freed. */
    long liveReservedBytes() {
        return reservedBytes - freedReservedBytes;
    }

    /** The bytes to reserve for a block of {@code bytes} aligned to {@code alignment}. */
    static long reservation(long bytes, long alignment) {
        return Math.addExact(bytes, alignment - 1);
    }

    /**
     * Reserves and registers a block of {@code reserve} bytes (from {@link #reservation}) and
     * returns the aligned address inside it, or 0 if the system refused (nothing changed).
     */
    long allocate(long bytes, long alignment, long reserve) {
        long base = NativeMemory.reserve(reserve);
        if (base == 0) {
            return 0;
        }
        try {
            BlockOwners.register(base, reserve, owner);
        } catch (RuntimeException e) {
            NativeMemory.release(base);
            throw e;
        }
        long address = (base + alignment - 1) & -alignment;
        byAddress.put(address, new Block(base, reserve, bytes));
        reservedBytes += reserve;
        return address;
    }

    /**
     * The bytes reserved for the live block handed out at {@code address}: {@link #NONE} if there
     * is none, {@link #FREED} if it was freed already, or {@code -3 - requested} if it was asked
     * for with another size than {@code bytes}.
     */
    long lookup(long address, long bytes) {
        Block b = byAddress.get(address);
        if (b == null) {
            return NONE;
        }
        if (b.freed) {
            return FREED;
        }
        return b.requested == bytes ? b.reserved : -3 - b.requested;
    }

    /** Marks the live block handed out at {@code address} ({@link #lookup}) freed; its memory stays reserved. */
    void free(long address) {
        Block b = byAddress.get(address);
        b.freed = true;
        freedCount++;
        freedReservedBytes += b.reserved;
    }

    /** Returns every block, freed or not, to the system. */
    void releaseAll() {
        for (Block b : byAddress.values()) {
            BlockOwners.unregister(b.base);
            NativeMemory.release(b.base);
        }
        byAddress.clear();
        reservedBytes = 0;
        freedReservedBytes = 0;
        freedCount = 0;
    }
}
