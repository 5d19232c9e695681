package dev.arbor.gc;

import dev.arbor.api.CloseActions;
import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.roots.RootRegistries;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The default allocator: every block is a slice of a new {@code long[]}, JVM heap memory that the
 * garbage collector reclaims once nothing refers to it. No native memory, so nothing here can
 * crash the JVM.
 *
 * <ul>
 *   <li>Blocks are heap segments ({@link #isNative()} is false), aligned to at most 8 bytes (a
 *       {@code long[]}'s elements are); larger alignments are refused.</li>
 *   <li>{@link #free} only accounts: the JVM reclaims the block when it is unreachable. A heap
 *       block carries no owner, so freeing one twice is not detected.</li>
 *   <li>{@link #reset()} is unsupported: the JVM cannot invalidate references to live objects.</li>
 *   <li>The default instance is shared by every thread: counters are {@link LongAdder}s, so
 *       threads do not contend on them. No peak is kept ({@code peakBytesInUse} is 0), since a
 *       peak needs one contended atomic update per allocation.</li>
 * </ul>
 *
 * <p>{@link #stats()} adds the JVM's collector and heap counters to the details
 * ({@code gcCollections}, {@code gcTimeMillis}, {@code heapUsedBytes}, {@code heapCommittedBytes})
 * and reports, as {@code pinnedRoots}, the JVM objects that every native allocator of the process
 * keeps reachable through the {@linkplain RootRegistries#registry() root registry}.
 */
public final class GcAllocator implements Allocator {
    /** The largest alignment a {@code long[]} guarantees for its elements. */
    public static final long MAX_ALIGNMENT = Long.BYTES;

    private static final MemorySegment EMPTY = MemorySegment.ofArray(new long[0]);

    private final AtomicBoolean closed = new AtomicBoolean();
    private final CloseActions closeActions = new CloseActions();
    private final LongAdder blocksAllocated = new LongAdder();
    private final LongAdder bytesAllocated = new LongAdder();
    private final LongAdder blocksFreed = new LongAdder();
    private final LongAdder footprintAllocated = new LongAdder();
    private final LongAdder footprintFreed = new LongAdder();

    /** A new allocator; most code uses the shared default ({@code Allocators.defaultAllocator()}). */
    public GcAllocator() {
    }

    /**
     * A heap block of exactly {@code byteSize} bytes, zeroed.
     *
     * @throws IllegalArgumentException  if {@code byteSize} is negative, or {@code byteAlignment}
     *                                   is not a power of two or is larger than 8
     * @throws AllocationFailedException if the JVM heap cannot hold the block
     * @throws IllegalStateException     if the allocator is closed
     */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        ensureOpen();
        Objects.requireNonNull(kind, "kind");
        if (byteSize < 0) {
            throw new IllegalArgumentException("allocator '" + name() + "' cannot allocate " + byteSize
                    + " bytes: the size must be zero or more");
        }
        if (byteAlignment <= 0 || Long.bitCount(byteAlignment) != 1) {
            throw new IllegalArgumentException("allocator '" + name() + "': alignment " + byteAlignment
                    + " is not a power of two");
        }
        if (byteAlignment > MAX_ALIGNMENT) {
            throw new IllegalArgumentException("allocator '" + name() + "': alignment " + byteAlignment
                    + " is not available; JVM heap memory offers alignment up to " + MAX_ALIGNMENT
                    + " bytes. Use a native allocator such as the arena (arbor-spi-arena) for larger alignments");
        }
        long words = (byteSize + Long.BYTES - 1) / Long.BYTES;
        MemorySegment block;
        if (words == 0) {
            block = EMPTY;
        } else {
            if (words > Integer.MAX_VALUE - 8) {
                throw new AllocationFailedException(name(), byteSize, "allocator '" + name() + "' cannot allocate "
                        + byteSize + " bytes: a JVM array holds at most " + (Integer.MAX_VALUE - 8L) * Long.BYTES
                        + " bytes; use a native allocator such as the arena for larger blocks");
            }
            try {
                block = MemorySegment.ofArray(new long[(int) words]).asSlice(0, byteSize);
            } catch (OutOfMemoryError e) {
                // Only this one request failed: earlier blocks stay valid, as the contract requires.
                throw new AllocationFailedException(name(), byteSize, "allocator '" + name() + "' cannot allocate "
                        + byteSize + " bytes: the JVM heap is full (" + e.getMessage()
                        + "); raise -Xmx or use a native allocator such as the arena", e);
            }
        }
        blocksAllocated.increment();
        bytesAllocated.add(byteSize);
        footprintAllocated.add(words * Long.BYTES);
        return block;
    }

    /**
     * Accounts for a block given back; the JVM reclaims it once it is unreachable.
     *
     * @throws InvalidFreeException  if {@code block} is native memory (it belongs to a native
     *                               allocator: free it with {@code RoutingHeap.free})
     * @throws IllegalStateException if the allocator is closed
     */
    @Override
    public void free(MemorySegment block) {
        ensureOpen();
        Objects.requireNonNull(block, "block");
        if (block.isNative()) {
            throw new InvalidFreeException(block.address(), "allocator '" + name() + "' cannot free the native block at 0x"
                    + Long.toHexString(block.address()) + " (" + block.byteSize() + " bytes): it hands out JVM heap "
                    + "memory only; free native blocks with RoutingHeap.free, which finds their owner");
        }
        blocksFreed.increment();
        footprintFreed.add((block.byteSize() + Long.BYTES - 1) / Long.BYTES * Long.BYTES);
    }

    @Override
    public boolean isNative() {
        return false;
    }

    /** Nothing to account: the node is an ordinary JVM object. Throws only if closed. */
    @Override
    public void recordManagedBlock(long byteSize, BlockKind kind) {
        ensureOpen();
    }

    /**
     * @throws UnsupportedOperationException always: the JVM cannot invalidate references to live
     *                                       objects; use an arena for memory released all at once
     * @throws IllegalStateException         if the allocator is closed
     */
    @Override
    public void reset() {
        ensureOpen();
        throw new UnsupportedOperationException("allocator '" + name() + "' cannot reset: its blocks are JVM objects "
                + "that live as long as they are referenced, and the garbage collector reclaims them one by one. "
                + "Use an arena (arbor-spi-arena) to release many blocks at once");
    }

    @Override
    public AllocatorStats stats() {
        long inUse = footprintAllocated.sum() - footprintFreed.sum();
        Map<String, Long> details = JvmGcStats.read();
        return new AllocatorStats(name(), blocksAllocated.sum(), blocksFreed.sum(), bytesAllocated.sum(), inUse,
                0, 0, 0, RootRegistries.registry().pinnedTotal(), details);
    }

    @Override
    public String name() {
        return GcProvider.NAME;
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Marks the allocator closed; the JVM keeps every block alive while it is referenced.
     *
     * @throws IllegalStateException         if already closed
     * @throws UnsupportedOperationException if this is the default allocator
     *                                       ({@code Allocators.defaultAllocator()}), which lives as
     *                                       long as the JVM
     */
    @Override
    public void close() {
        Allocators.refuseToCloseDefault(this);
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("allocator '" + name() + "' is already closed; close it once");
        }
        closeActions.runAll();
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(name(), action);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("allocator '" + name() + "' is closed; create a new one, or use "
                    + "Allocators.defaultAllocator(), which stays open");
        }
    }

    @Override
    public String toString() {
        return "GcAllocator[" + (isOpen() ? "open" : "closed") + ", " + blocksAllocated.sum() + " blocks allocated]";
    }
}
