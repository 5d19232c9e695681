package dev.arbor.examples.plugin;

import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Objects;

/**
 * An example plugin's allocator: JVM heap blocks, at most {@code maxBytes} of them in use at a
 * time (a block given back with {@link #free} makes room again). Thread-safe.
 */
public final class BoundedAllocator implements Allocator {
    /** The largest alignment a {@code long[]} guarantees. */
    public static final long MAX_ALIGNMENT = Long.BYTES;

    private final long maxBytes;
    private long bytesInUse;
    private long peak;
    private long blocksAllocated;
    private long blocksFreed;
    private long bytesAllocated;
    private boolean open = true;

    /** @throws IllegalArgumentException if {@code maxBytes} is negative */
    public BoundedAllocator(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes is " + maxBytes + "; expected 0 or more");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        ensureOpen();
        Objects.requireNonNull(kind, "kind");
        if (byteSize < 0 || byteSize > (long) (Integer.MAX_VALUE - 8) * Long.BYTES) {
            throw new IllegalArgumentException("allocator 'bounded' cannot allocate " + byteSize + " bytes");
        }
        if (byteAlignment <= 0 || Long.bitCount(byteAlignment) != 1 || byteAlignment > MAX_ALIGNMENT) {
            throw new IllegalArgumentException("allocator 'bounded': alignment " + byteAlignment
                    + " is not a power of two from 1 to " + MAX_ALIGNMENT);
        }
        if (byteSize > maxBytes - bytesInUse) {
            throw new AllocationLimitExceededException(name(), byteSize, bytesInUse, maxBytes, "maxBytes");
        }
        MemorySegment block = MemorySegment.ofArray(new long[(int) ((byteSize + 7) / 8)]).asSlice(0, byteSize);
        bytesInUse += byteSize;
        peak = Math.max(peak, bytesInUse);
        blocksAllocated++;
        bytesAllocated += byteSize;
        return block;
    }

    @Override
    public synchronized void free(MemorySegment block) {
        ensureOpen();
        bytesInUse -= Math.min(bytesInUse, block.byteSize());
        blocksFreed++;
    }

    @Override
    public boolean isNative() {
        return false;
    }

    /** @throws UnsupportedOperationException always: the JVM reclaims heap blocks one by one */
    @Override
    public void reset() {
        ensureOpen();
        throw new UnsupportedOperationException("allocator 'bounded' cannot reset: free blocks one by one");
    }

    @Override
    public synchronized AllocatorStats stats() {
        return new AllocatorStats(name(), blocksAllocated, blocksFreed, bytesAllocated, bytesInUse, 0, peak, 0, 0,
                Map.of("maxBytes", maxBytes));
    }

    @Override
    public String name() {
        return "bounded";
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        ensureOpen();
        open = false;
    }

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException("allocator 'bounded' is closed");
        }
    }
}
