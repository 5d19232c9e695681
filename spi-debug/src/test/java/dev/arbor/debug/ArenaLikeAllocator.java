package dev.arbor.debug;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * Another native allocator for tests (plugins may not depend on spi-arena): one registered
 * 4 KiB chunk, bump allocation, frees only counted.
 */
final class ArenaLikeAllocator implements NativeAllocator {
    static final String NAME = "arena-like";
    private static final long CHUNK = 4096;

    private final long chunk = NativeMemory.reserve(CHUNK);
    private long next;
    private int frees;
    private boolean open = true;

    ArenaLikeAllocator() {
        BlockOwners.register(chunk, CHUNK, this);
    }

    @Override
    public long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
        long address = (chunk + next + byteAlignment - 1) & -byteAlignment;
        next = address + byteSize - chunk;
        if (next > CHUNK) {
            throw new IllegalStateException("test chunk full");
        }
        return address;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        throw new UnsupportedOperationException("the address path is enough for these tests");
    }

    @Override
    public NativeMemory.Window accessWindow() {
        throw new UnsupportedOperationException("these tests never read through a window");
    }

    @Override
    public void freeAddress(long address, long byteSize) {
        frees++;
    }

    @Override
    public void free(MemorySegment block) {
        frees++;
    }

    int frees() {
        return frees;
    }

    @Override
    public void reset() {
        next = 0;
    }

    @Override
    public AllocatorStats stats() {
        return new AllocatorStats(NAME, 0, frees, 0, 0, CHUNK, 0, 0, 0, Map.of());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            throw new IllegalStateException("closed twice");
        }
        open = false;
        BlockOwners.unregister(chunk);
        NativeMemory.release(chunk);
    }
}
