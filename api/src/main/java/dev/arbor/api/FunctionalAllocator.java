package dev.arbor.api;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An allocator made of functions: one that hands out a segment, one that takes it back, and
 * optionally what a reset and a close do. It checks what the functions cannot be trusted to
 * (arguments, closed state, that a segment has the size and alignment asked for) and keeps the
 * statistics, so the result keeps the {@link Allocator} contract and works as the current
 * allocator, under a counter, and through the routing heap. Collections make their nodes as JVM
 * objects under it.
 *
 * <pre>{@code
 * Allocator pooled = FunctionalAllocator.builder("pooled")
 *         .allocate((bytes, alignment, kind) -> pool.take(bytes, alignment))
 *         .free(pool::give)
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe if the functions are.
 */
public final class FunctionalAllocator implements Allocator {

    /** Hands out a block: a segment of exactly {@code byteSize} bytes aligned to {@code byteAlignment}. */
    @FunctionalInterface
    public interface AllocateFunction {
        /**
         * A new block; the arguments have been checked.
         *
         * @param byteSize      bytes, zero or more
         * @param byteAlignment a power of two
         * @param kind          whether the block may hold root handles
         * @return a segment of exactly {@code byteSize} bytes aligned to {@code byteAlignment}, native if the
         *         builder was told {@linkplain Builder#nativeSegments(boolean) so}, on the JVM heap otherwise
         */
        MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind);
    }

    private final String name;
    private final AllocateFunction allocate;
    private final Consumer<MemorySegment> free;
    private final Runnable reset;
    private final Runnable onClose;
    private final boolean nativeSegments;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CloseActions closeActions = new CloseActions();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong blocksAllocated = new AtomicLong();
    private final AtomicLong blocksFreed = new AtomicLong();
    private final AtomicLong bytesAllocated = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();

    private FunctionalAllocator(Builder b) {
        this.name = b.name;
        this.allocate = Objects.requireNonNull(b.allocate, () -> "allocator '" + b.name + "' has no allocate function");
        this.free = Objects.requireNonNull(b.free, () -> "allocator '" + b.name + "' has no free function");
        this.reset = b.reset;
        this.onClose = b.onClose;
        this.nativeSegments = b.nativeSegments;
    }

    /**
     * A builder for an allocator called {@code name}.
     *
     * @param name a short name for messages and stats
     * @return a builder with no functions yet
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the function returned no segment, or one of another size,
     *                               alignment or kind of memory than asked for (a bug in it)
     */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        ensureOpen();
        Objects.requireNonNull(kind, "kind");
        if (byteSize < 0) {
            throw new IllegalArgumentException("allocator '" + name + "': block size " + byteSize + " is negative");
        }
        if (byteAlignment <= 0 || (byteAlignment & (byteAlignment - 1)) != 0) {
            throw new IllegalArgumentException("allocator '" + name + "': alignment " + byteAlignment
                    + " is not a power of two");
        }
        MemorySegment block = allocate.allocate(byteSize, byteAlignment, kind);
        if (block == null || block.byteSize() != byteSize || block.isNative() != nativeSegments
                || block.maxByteAlignment() < Math.min(byteAlignment, nativeSegments ? byteAlignment : 8)) {
            throw new IllegalStateException("allocator '" + name + "': its allocate function returned " + block
                    + " for " + byteSize + " bytes aligned to " + byteAlignment + (nativeSegments ? " (native)" : " (heap)"));
        }
        blocksAllocated.incrementAndGet();
        bytesAllocated.addAndGet(byteSize);
        return block;
    }

    @Override
    public void free(MemorySegment block) {
        ensureOpen();
        Objects.requireNonNull(block, "block");
        free.accept(block);
        blocksFreed.incrementAndGet();
    }

    @Override
    public boolean isNative() {
        return nativeSegments;
    }

    /** @throws UnsupportedOperationException if the builder was given no reset function */
    @Override
    public void reset() {
        ensureOpen();
        if (reset == null) {
            throw new UnsupportedOperationException("allocator '" + name + "' cannot reset: its builder was given no reset function");
        }
        reset.run();
        generation.incrementAndGet();
        resets.incrementAndGet();
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Override
    public AllocatorStats stats() {
        long allocated = blocksAllocated.get();
        return new AllocatorStats(name, allocated, blocksFreed.get(), bytesAllocated.get(), 0, 0, 0, resets.get(), 0,
                Map.of());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    /** Runs the close function, if any. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("allocator '" + name + "' is already closed; close it once");
        }
        generation.incrementAndGet();
        try {
            if (onClose != null) {
                onClose.run();
            }
        } finally {
            closeActions.runAll();
        }
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(name, action);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("allocator '" + name + "' is closed");
        }
    }

    @Override
    public String toString() {
        return "FunctionalAllocator[" + name + (isOpen() ? "" : ", closed") + "]";
    }

    /** The functions of a {@link FunctionalAllocator}; {@code allocate} and {@code free} are required. */
    public static final class Builder {
        private final String name;
        private AllocateFunction allocate;
        private Consumer<MemorySegment> free;
        private Runnable reset;
        private Runnable onClose;
        private boolean nativeSegments;

        private Builder(String name) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("an allocator needs a name for messages and statistics");
            }
            this.name = name;
        }

        /**
         * How a block is handed out (required).
         *
         * @param function hands out a block for checked arguments
         * @return this builder
         */
        public Builder allocate(AllocateFunction function) {
            this.allocate = Objects.requireNonNull(function, "function");
            return this;
        }

        /**
         * How a block is taken back (required).
         *
         * @param function takes back a block the allocate function handed out
         * @return this builder
         */
        public Builder free(Consumer<MemorySegment> function) {
            this.free = Objects.requireNonNull(function, "function");
            return this;
        }

        /**
         * What {@link FunctionalAllocator#reset()} does; without it, reset throws.
         *
         * @param function invalidates every block
         * @return this builder
         */
        public Builder reset(Runnable function) {
            this.reset = Objects.requireNonNull(function, "function");
            return this;
        }

        /**
         * What {@link FunctionalAllocator#close()} does besides refusing further use.
         *
         * @param function runs once, at the first close
         * @return this builder
         */
        public Builder onClose(Runnable function) {
            this.onClose = Objects.requireNonNull(function, "function");
            return this;
        }

        /**
         * Whether the allocate function hands out native segments (default: JVM heap segments).
         *
         * @param isNative {@code true} if the allocate function hands out native segments
         * @return this builder
         */
        public Builder nativeSegments(boolean isNative) {
            this.nativeSegments = isNative;
            return this;
        }

        /**
         * The allocator.
         *
         * @return a new, open allocator with this builder's functions
         * @throws NullPointerException if {@code allocate} or {@code free} was not given
         */
        public FunctionalAllocator build() {
            return new FunctionalAllocator(this);
        }
    }
}
