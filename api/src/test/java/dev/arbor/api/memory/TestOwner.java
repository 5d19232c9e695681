package dev.arbor.api.memory;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.TestAllocator;
import java.lang.foreign.MemorySegment;

/** An owner for {@link BlockOwners} tests: a name, and nothing behind the addresses it owns. */
final class TestOwner implements NativeAllocator {
    private final TestAllocator names;

    TestOwner(String name) {
        this.names = new TestAllocator(name);
    }

    @Override
    public long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
        throw new UnsupportedOperationException("a test owner hands out nothing");
    }

    @Override
    public void freeAddress(long address, long byteSize) {
        throw new UnsupportedOperationException("a test owner frees nothing");
    }

    @Override
    public NativeMemory.Window accessWindow() {
        throw new UnsupportedOperationException("a test owner has no memory");
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        throw new UnsupportedOperationException("a test owner hands out nothing");
    }

    @Override
    public void free(MemorySegment block) {
        throw new UnsupportedOperationException("a test owner frees nothing");
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException();
    }

    @Override
    public AllocatorStats stats() {
        return names.stats();
    }

    @Override
    public String name() {
        return names.name();
    }

    @Override
    public boolean isOpen() {
        return names.isOpen();
    }

    @Override
    public void close() {
        names.close();
    }
}
