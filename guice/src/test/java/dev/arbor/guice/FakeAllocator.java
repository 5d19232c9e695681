package dev.arbor.guice;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** A JVM-heap allocator for tests that remembers its settings and records when it was closed. */
final class FakeAllocator implements Allocator {
    private final String name;
    private final AllocatorConfig config;
    private final List<String> closeLog;
    private boolean open = true;
    private RuntimeException failOnClose;

    FakeAllocator(String name, AllocatorConfig config, List<String> closeLog) {
        this.name = name;
        this.config = config;
        this.closeLog = closeLog;
    }

    AllocatorConfig config() {
        return config;
    }

    void failOnClose(RuntimeException e) {
        failOnClose = e;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        requireOpen();
        return MemorySegment.ofArray(new long[(int) ((byteSize + 7) / 8)]).asSlice(0, byteSize);
    }

    @Override
    public void free(MemorySegment block) {
        requireOpen();
    }

    @Override
    public boolean isNative() {
        return false;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("fake allocator '" + name + "' cannot reset");
    }

    @Override
    public AllocatorStats stats() {
        throw new UnsupportedOperationException("fake allocator '" + name + "' keeps no stats");
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
        requireOpen();
        open = false;
        closeLog.add(name);
        if (failOnClose != null) {
            throw failOnClose;
        }
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("fake allocator '" + name + "' is closed");
        }
    }
}
