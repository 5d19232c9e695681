package dev.arbor.collections.testing;

import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.roots.RootTable;
import java.lang.foreign.MemorySegment;

/**
 * A decorator over a native allocator for failure injection (as Zig's
 * {@code checkAllAllocationFailures}): it counts the blocks allocated through it and, when armed
 * with {@link #failAt}, refuses the k-th allocation from then on. Everything else delegates,
 * {@link #roots()} included, so collections treat it as the same memory as its delegate, and
 * frees reach the delegate (which owns the blocks).
 */
public final class FailingAllocator implements NativeAllocator {
    private final NativeAllocator delegate;
    private long allocations;
    private long managedBlocks;
    private long failAt = Long.MAX_VALUE;

    public FailingAllocator(Allocator delegate) {
        this.delegate = NativeAllocator.of(delegate);
    }

    /** Refuses the {@code k}-th allocation (1-based) from now on, and every later one until disarmed. */
    public void failAt(long k) {
        failAt = allocations + k;
    }

    /** Stops refusing. */
    public void disarm() {
        failAt = Long.MAX_VALUE;
    }

    /** Native blocks allocated through this decorator. */
    public long allocations() {
        return allocations;
    }

    /** Managed nodes reported to this decorator while it was current. */
    public long managedBlocks() {
        return managedBlocks;
    }

    public Allocator delegate() {
        return delegate;
    }

    @Override
    public long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
        if (allocations + 1 >= failAt) {
            throw new AllocationFailedException(name(), byteSize, "injected failure of allocation #" + (allocations + 1));
        }
        long a = delegate.allocateAddress(byteSize, byteAlignment, kind);
        allocations++;
        return a;
    }

    @Override
    public void freeAddress(long address, long byteSize) {
        delegate.freeAddress(address, byteSize);
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        return delegate.allocate(byteSize, byteAlignment, kind);
    }

    @Override
    public void free(MemorySegment block) {
        delegate.free(block);
    }

    @Override
    public void recordManagedBlock(long byteSize, BlockKind kind) {
        managedBlocks++;
    }

    @Override
    public boolean isNative() {
        return delegate.isNative();
    }

    @Override
    public RootTable roots() {
        return delegate.roots();
    }

    @Override
    public NativeMemory.Window accessWindow() {
        return delegate.accessWindow();
    }

    @Override
    public long generation() {
        return delegate.generation();
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public AllocatorStats stats() {
        return delegate.stats();
    }

    @Override
    public String name() {
        return "failing(" + delegate.name() + ")";
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
