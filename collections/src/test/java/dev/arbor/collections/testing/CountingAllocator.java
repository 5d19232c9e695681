package dev.arbor.collections.testing;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * A minimal allocator for tests: counts the managed nodes collections report while it is current.
 * It hands out no memory of its own (this module may not depend on the real allocators).
 */
public final class CountingAllocator implements Allocator {
    private long blocks;
    private long bytes;
    private long refsBlocks;
    private long norefsBlocks;
    private boolean open = true;

    @Override
    public void recordManagedBlock(long byteSize, BlockKind kind) {
        blocks++;
        bytes += byteSize;
        if (kind == BlockKind.REFS) {
            refsBlocks++;
        } else {
            norefsBlocks++;
        }
    }

    public long blocks() {
        return blocks;
    }

    public long bytes() {
        return bytes;
    }

    public long refsBlocks() {
        return refsBlocks;
    }

    public long norefsBlocks() {
        return norefsBlocks;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        throw new UnsupportedOperationException("the test counting allocator only counts managed nodes");
    }

    @Override
    public void free(MemorySegment block) {
        throw new UnsupportedOperationException("the test counting allocator only counts managed nodes");
    }

    @Override
    public boolean isNative() {
        return false;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("the test counting allocator cannot reset");
    }

    @Override
    public AllocatorStats stats() {
        return new AllocatorStats(name(), blocks, 0, bytes, 0, 0, 0, 0, 0, Map.of());
    }

    @Override
    public String name() {
        return "test-counting";
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            throw new IllegalStateException("test-counting allocator closed twice");
        }
        open = false;
    }
}
