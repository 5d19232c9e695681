package dev.arbor.api;

import java.lang.foreign.MemorySegment;
import java.util.Map;

/** A minimal heap allocator for the API's own tests: counts what it is asked. */
public final class TestAllocator implements Allocator {
    private final String name;
    private boolean open = true;
    public long allocations;
    public long frees;
    public long managed;

    public TestAllocator(String name) {
        this.name = name;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        if (!open) {
            throw new IllegalStateException(name + " closed");
        }
        if (byteSize < 0 || byteAlignment <= 0 || Long.bitCount(byteAlignment) != 1 || byteAlignment > 8) {
            throw new IllegalArgumentException("size " + byteSize + " alignment " + byteAlignment);
        }
        allocations++;
        return MemorySegment.ofArray(new long[(int) ((byteSize + 7) / 8)]).asSlice(0, byteSize);
    }

    @Override
    public void free(MemorySegment block) {
        frees++;
    }

    @Override
    public boolean isNative() {
        return false;
    }

    @Override
    public void recordManagedBlock(long byteSize, BlockKind kind) {
        managed++;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException();
    }

    @Override
    public AllocatorStats stats() {
        return new AllocatorStats(name, allocations, frees, 0, 0, 0, 0, 0, 0, Map.of());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            throw new IllegalStateException(name + " already closed");
        }
        open = false;
    }
}
