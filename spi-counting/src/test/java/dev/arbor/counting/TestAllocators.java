package dev.arbor.counting;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small allocators to count over, since this module may depend on no other plugin: a heap one
 * (registered as the default in the test classpath, as spi-gc is in production) and a native one
 * backed by a shared {@link Arena} per generation, so reset invalidates its segments.
 */
final class TestAllocators {
    private TestAllocators() {
    }

    /** Common bookkeeping: open flag, counters, argument checks. */
    abstract static class Base implements Allocator {
        private final String name;
        final AtomicLong allocated = new AtomicLong();
        final AtomicLong freed = new AtomicLong();
        final AtomicLong managedRecorded = new AtomicLong();
        private volatile boolean closed;

        Base(String name) {
            this.name = name;
        }

        final void check(long byteSize, long byteAlignment, long maxAlignment) {
            ensureOpen();
            if (byteSize < 0 || byteAlignment <= 0 || Long.bitCount(byteAlignment) != 1 || byteAlignment > maxAlignment) {
                throw new IllegalArgumentException("test allocator: bad size " + byteSize + " or alignment " + byteAlignment);
            }
        }

        final void ensureOpen() {
            if (closed) {
                throw new IllegalStateException("test allocator '" + name + "' is closed");
            }
        }

        @Override
        public void recordManagedBlock(long byteSize, BlockKind kind) {
            ensureOpen();
            managedRecorded.incrementAndGet();
        }

        @Override
        public AllocatorStats stats() {
            return new AllocatorStats(name, allocated.get(), freed.get(), 0, 0, 0, 0, generation(), 0,
                    Map.of("managedRecorded", managedRecorded.get()));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() {
            ensureOpen();
            closed = true;
            closed();
        }

        void closed() {
        }
    }

    /** JVM heap blocks, alignment up to 8, no reset: the shape of the gc allocator. */
    static final class Heap extends Base {
        Heap(String name) {
            super(name);
        }

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
            check(byteSize, byteAlignment, 8);
            allocated.incrementAndGet();
            return MemorySegment.ofArray(new long[(int) ((byteSize + 7) / 8)]).asSlice(0, byteSize);
        }

        @Override
        public void free(MemorySegment block) {
            ensureOpen();
            freed.incrementAndGet();
        }

        @Override
        public boolean isNative() {
            return false;
        }

        @Override
        public void reset() {
            ensureOpen();
            throw new UnsupportedOperationException("test heap allocator cannot reset");
        }
    }

    /**
     * Native blocks from a shared {@link Arena}, each registered with {@link BlockOwners} until it
     * is freed, reset or closed; frees check that the block is live.
     */
    static final class Native extends Base implements NativeAllocator {
        private Arena arena = Arena.ofShared();
        private final Map<Long, Long> live = new HashMap<>();
        private long generation;
        /** The generation's window over {@code arena}: closing the arena at reset and close ends it. */
        private NativeMemory.Window window = NativeMemory.window(arena, 0, null);

        Native(String name) {
            super(name);
        }

        @Override
        public synchronized MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
            check(byteSize, byteAlignment, 4096);
            // A zero-byte block still gets one byte, so it has an address that can be registered.
            MemorySegment block = arena.allocate(Math.max(1, byteSize), byteAlignment);
            BlockOwners.register(block.address(), block.byteSize(), this);
            live.put(block.address(), block.byteSize());
            allocated.incrementAndGet();
            return block.asSlice(0, byteSize);
        }

        @Override
        public long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
            return allocate(byteSize, byteAlignment, kind).address();
        }

        @Override
        public void free(MemorySegment block) {
            freeAddress(block.address(), block.byteSize());
        }

        @Override
        public synchronized void freeAddress(long address, long byteSize) {
            ensureOpen();
            Long size = live.get(address);
            if (size == null || size < byteSize) {
                throw new InvalidFreeException(address, "test native allocator: 0x" + Long.toHexString(address) + " is not live");
            }
            live.remove(address);
            BlockOwners.unregister(address);
            freed.incrementAndGet();
        }

        @Override
        public boolean isNative() {
            return NativeAllocator.super.isNative();
        }

        @Override
        public synchronized void reset() {
            ensureOpen();
            releaseAll();
            arena = Arena.ofShared();
            generation++;
            window = NativeMemory.window(arena, generation, null);
        }

        @Override
        public synchronized long generation() {
            return generation;
        }

        @Override
        public synchronized NativeMemory.Window accessWindow() {
            ensureOpen();
            return window;
        }

        @Override
        synchronized void closed() {
            releaseAll();
        }

        private void releaseAll() {
            live.keySet().forEach(BlockOwners::unregister);
            live.clear();
            arena.close();
        }
    }

    /** The default allocator of the test classpath; setting {@code name} renames it. */
    public static final class HeapProvider implements AllocatorProvider {
        /** Called by {@link java.util.ServiceLoader}. */
        public HeapProvider() {
        }

        @Override
        public String name() {
            return "test-heap";
        }

        @Override
        public String description() {
            return "test heap allocator";
        }

        @Override
        public boolean isDefault() {
            return true;
        }

        @Override
        public Set<String> configKeys() {
            return Set.of("name");
        }

        @Override
        public Allocator create(AllocatorConfig config) {
            return new Heap(config.getString("name", name()));
        }
    }

    /** A native allocator for counters to own. */
    public static final class NativeProvider implements AllocatorProvider {
        /** Called by {@link java.util.ServiceLoader}. */
        public NativeProvider() {
        }

        @Override
        public String name() {
            return "test-native";
        }

        @Override
        public String description() {
            return "test native allocator";
        }

        @Override
        public Set<String> configKeys() {
            return Set.of();
        }

        @Override
        public Allocator create(AllocatorConfig config) {
            return new Native(name());
        }
    }
}
