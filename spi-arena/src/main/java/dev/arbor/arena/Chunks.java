package dev.arbor.arena;

import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.util.Arrays;

/**
 * The arena's chunks, in the order they were obtained, and which one is current.
 *
 * <p>Every chunk has the same size. Chunks before the current one are full (their final bump
 * pointer is kept in {@code tops} to tell used bytes from unused ones); chunks after it are
 * retained from an earlier generation and wait to be reused, in order. A chunk is registered with
 * {@link BlockOwners} before it is handed out and unregistered before it is released.
 *
 * <p>Not thread-safe: the arena calls it from its owner thread or under its lock.
 */
final class Chunks {
    private final NativeAllocator owner;
    private final long chunkSize;
    private long[] bases = new long[8];
    private long[] tops = new long[8];
    private int count;
    /** Index of the current chunk, or -1 when no chunk is current (none obtained, or after a reset). */
    private int current = -1;
    /** Used bytes of the chunks before the current one. */
    private long usedBefore;

    Chunks(NativeAllocator owner, long chunkSize) {
        this.owner = owner;
        this.chunkSize = chunkSize;
    }

    long chunkSize() {
        return chunkSize;
    }

    int count() {
        return count;
    }

    long reservedBytes() {
        return count * chunkSize;
    }

    /** Used bytes of the chunks before the current one. */
    long usedBefore() {
        return usedBefore;
    }

    /** Whether a chunk retained from an earlier generation is waiting after the current one. */
    boolean hasRetainedNext() {
        return current + 1 < count;
    }

    /**
     * Makes the next chunk current and returns its base: the next retained chunk, or a new one
     * obtained from the system. {@code oldTop} is the final bump pointer of the chunk being left.
     *
     * @return the new current chunk's base, or 0 if the system refused a new chunk (nothing changed)
     */
    long advance(long oldTop) {
        long base;
        if (current + 1 < count) {
            base = bases[current + 1];
        } else {
            base = NativeMemory.reserve(chunkSize);
            if (base == 0) {
                return 0;
            }
            try {
                BlockOwners.register(base, chunkSize, owner);
            } catch (RuntimeException e) {
                NativeMemory.release(base);
                throw e;
            }
            if (count == bases.length) {
                bases = Arrays.copyOf(bases, count * 2);
                tops = Arrays.copyOf(tops, count * 2);
            }
            bases[count++] = base;
            ArenaEvents.chunkReserved(owner.name(), chunkSize, reservedBytes());
        }
        if (current >= 0) {
            tops[current] = oldTop;
            usedBefore += oldTop - bases[current];
        }
        current++;
        return base;
    }

    /**
     * Starts a new generation: keeps the first {@code keep} chunks (releasing the others) and
     * makes none current, so the next allocation reuses chunk 0 first.
     */
    void restart(int keep) {
        releaseFrom(keep);
        current = -1;
        usedBefore = 0;
    }

    /** How many chunks of this size fit in {@code bytes}, capped at the current count. */
    int chunksWithin(long bytes) {
        return (int) Math.min(count, bytes / chunkSize);
    }

    /**
     * Whether {@code [address, address + bytes)} lies in the used part of a chunk of this
     * generation ({@code currentTop} is the bump pointer of the current chunk).
     */
    boolean holdsUsed(long address, long bytes, long currentTop) {
        // Newest first: the blocks a transient replaces are usually recent.
        for (int i = current; i >= 0; i--) {
            long base = bases[i];
            long top = i == current ? currentTop : tops[i];
            if (address >= base && address < base + chunkSize) {
                return address + bytes <= top;
            }
        }
        return false;
    }

    /** Releases every chunk. */
    void releaseAll() {
        restart(0);
    }

    private void releaseFrom(int keep) {
        ArenaEvents.chunksReleased(owner.name(), Math.max(0, count - keep), Math.max(0, count - keep) * chunkSize);
        for (int i = count - 1; i >= keep; i--) {
            BlockOwners.unregister(bases[i]);
            NativeMemory.release(bases[i]);
            bases[i] = 0;
        }
        count = Math.min(count, keep);
    }
}
