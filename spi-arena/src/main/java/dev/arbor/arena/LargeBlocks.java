package dev.arbor.arena;

import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.lang.foreign.Arena;
import java.util.HashMap;
import java.util.Map;

/**
 * Blocks too large for a chunk (above the arena's large threshold): each gets its own system
 * block, over-reserved by {@code alignment - 1} bytes so any alignment fits, registered with
 * {@link BlockOwners} before it is handed out and unregistered before it is released. Unlike
 * chunk memory, a large block goes back to the system when it is freed, so a segment handed out
 * for one has a lifetime of its own ({@link #scopeOf}), closed before the block is released: the
 * segment then throws instead of reading memory the system may have handed to someone else.
 *
 * <p>Not thread-safe: the arena calls it from its owner thread or under its lock.
 */
final class LargeBlocks {
    /** One system block: where it starts, how much was reserved, how much was asked for. */
    private static final class Block {
        final long base;
        final long reserved;
        final long requested;
        /** The lifetime of the segment handed out for this block; null on the address path. */
        Arena scope;

        Block(long base, long reserved, long requested) {
            this.base = base;
            this.reserved = reserved;
            this.requested = requested;
        }
    }

    private final NativeAllocator owner;
    /** By the address handed out (aligned, so possibly after {@code base}). */
    private final Map<Long, Block> byAddress = new HashMap<>();
    private long reservedBytes;

    LargeBlocks(NativeAllocator owner) {
        this.owner = owner;
    }

    int count() {
        return byAddress.size();
    }

    long reservedBytes() {
        return reservedBytes;
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
     * A new lifetime for the segment of the block just handed out at {@code address}: confined to
     * the calling thread, or {@code shared}. It ends when the block is freed, reset or closed.
     */
    Arena scopeOf(long address, boolean shared) {
        Block b = byAddress.get(address);
        Arena scope = shared ? Arena.ofShared() : Arena.ofConfined();
        b.scope = scope;
        return scope;
    }

    /**
     * The bytes reserved for the block handed out at {@code address}, {@code -1} if there is none,
     * or {@code -2 - requested} if it was asked for with another size than {@code bytes}.
     */
    long lookup(long address, long bytes) {
        Block b = byAddress.get(address);
        if (b == null) {
            return -1;
        }
        return b.requested == bytes ? b.reserved : -2 - b.requested;
    }

    /** Ends the block's segment, then releases the block handed out at {@code address} ({@link #lookup}). */
    void free(long address) {
        Block b = byAddress.remove(address);
        release(b);
    }

    /** Releases every block, ending their segments first. */
    void releaseAll() {
        for (Block b : byAddress.values()) {
            release(b);
        }
        byAddress.clear();
    }

    private void release(Block b) {
        if (b.scope != null) {
            b.scope.close();
        }
        BlockOwners.unregister(b.base);
        NativeMemory.release(b.base);
        reservedBytes -= b.reserved;
    }
}
