package dev.arbor.counting;

import dev.arbor.api.CloseActions;
import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.roots.RootTable;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The counting allocator's implementation over a heap allocator; {@link NativeCountingDecorator}
 * adds the address-level path over a native one. Not public: users see {@link CountingAllocator}.
 * Counters are {@link LongAdder}s, exact under concurrent use.
 */
sealed class CountingDecorator implements CountingAllocator permits NativeCountingDecorator {
    static final long NO_BUDGET = Long.MAX_VALUE;
    private static final int REFS = BlockKind.REFS.ordinal();
    private static final int NOREFS = BlockKind.NOREFS.ordinal();

    final Allocator delegate;
    private final boolean ownsDelegate;
    private final long budgetBytes;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CloseActions closeActions = new CloseActions();
    private final AtomicLong chargedBytes = new AtomicLong();
    private final LongAdder[] blocks = {new LongAdder(), new LongAdder()};
    private final LongAdder[] bytes = {new LongAdder(), new LongAdder()};
    final LongAdder frees = new LongAdder();
    final LongAdder freedBytes = new LongAdder();

    CountingDecorator(Allocator delegate, boolean ownsDelegate, long budgetBytes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (!delegate.isOpen()) {
            throw new IllegalStateException("cannot count over allocator '" + delegate.name() + "': it is closed");
        }
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("budget of " + budgetBytes + " bytes for a counter over '"
                    + delegate.name() + "'; expected zero or more");
        }
        this.ownsDelegate = ownsDelegate;
        this.budgetBytes = budgetBytes;
        this.name = "counting(" + delegate.name() + ")";
    }

    /** A counter over {@code delegate}: over a native one, it has the address-level path too. */
    static CountingDecorator over(Allocator delegate, boolean ownsDelegate, long budgetBytes) {
        Objects.requireNonNull(delegate, "delegate");
        return delegate instanceof NativeAllocator n
                ? new NativeCountingDecorator(n, ownsDelegate, budgetBytes)
                : new CountingDecorator(delegate, ownsDelegate, budgetBytes);
    }

    @Override
    public Allocator delegate() {
        return delegate;
    }

    @Override
    public OptionalLong budgetBytes() {
        return budgetBytes == NO_BUDGET ? OptionalLong.empty() : OptionalLong.of(budgetBytes);
    }

    @Override
    public CountingSnapshot snapshot() {
        return new CountingSnapshot(blocks[REFS].sum(), bytes[REFS].sum(), blocks[NOREFS].sum(), bytes[NOREFS].sum(),
                frees.sum(), freedBytes.sum());
    }

    @Override
    public AllocationDelta since(CountingSnapshot before) {
        return AllocationDelta.between(Objects.requireNonNull(before, "before"), snapshot());
    }

    @Override
    public AllocationDelta measure(Runnable operation) {
        Objects.requireNonNull(operation, "operation");
        CountingSnapshot before = snapshot();
        try (AllocatorScope _ = CurrentAllocator.use(this)) {
            operation.run();
        }
        return since(before);
    }

    @Override
    public <T> Measured<T> measure(Supplier<T> operation) {
        Objects.requireNonNull(operation, "operation");
        CountingSnapshot before = snapshot();
        T result;
        try (AllocatorScope _ = CurrentAllocator.use(this)) {
            result = operation.get();
        }
        return new Measured<>(result, since(before));
    }

    /**
     * {@inheritDoc}
     *
     * @throws AllocationLimitExceededException if the block would take the counter past its budget
     */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        ensureOpen();
        Objects.requireNonNull(kind, "kind");
        charge(byteSize);
        MemorySegment block;
        try {
            block = delegate.allocate(byteSize, byteAlignment, kind);
        } catch (RuntimeException | Error e) {
            refund(byteSize);
            throw e;
        }
        count(kind, byteSize);
        return block;
    }

    @Override
    public void free(MemorySegment block) {
        ensureOpen();
        Objects.requireNonNull(block, "block");
        long size = block.byteSize();
        delegate.free(block);
        frees.increment();
        freedBytes.add(size);
    }

    /**
     * Counts a managed node as an allocated block of {@code kind}, then tells the delegate.
     *
     * @throws IllegalArgumentException         if {@code byteSize} is negative
     * @throws AllocationLimitExceededException if the node would take the counter past its budget
     * @throws IllegalStateException            if the counter is closed
     */
    @Override
    public void recordManagedBlock(long byteSize, BlockKind kind) {
        ensureOpen();
        Objects.requireNonNull(kind, "kind");
        if (byteSize < 0) {
            throw new IllegalArgumentException("allocator '" + name + "': a managed block of " + byteSize
                    + " bytes; sizes are zero or more");
        }
        charge(byteSize);
        try {
            delegate.recordManagedBlock(byteSize, kind);
        } catch (RuntimeException | Error e) {
            refund(byteSize);
            throw e;
        }
        count(kind, byteSize);
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
    public long generation() {
        // Closing the counter ends the values made through it, even if the delegate stays open.
        return closed.get() ? delegate.generation() + 1 : delegate.generation();
    }

    /** Resets the delegate; the counts stay (take a snapshot to measure), the budget starts over. */
    @Override
    public void reset() {
        ensureOpen();
        delegate.reset();
        if (budgetBytes != NO_BUDGET) {
            chargedBytes.set(0);
        }
    }

    @Override
    public AllocatorStats stats() {
        AllocatorStats d = delegate.stats();
        CountingSnapshot s = snapshot();
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("countedBlocks", s.blocks());
        details.put("countedBytes", s.bytes());
        details.put("countedRefsBlocks", s.refsBlocks());
        details.put("countedRefsBytes", s.refsBytes());
        details.put("countedNorefsBlocks", s.norefsBlocks());
        details.put("countedNorefsBytes", s.norefsBytes());
        details.put("countedFrees", s.frees());
        details.put("countedFreedBytes", s.freedBytes());
        if (budgetBytes != NO_BUDGET) {
            details.put("budgetBytes", budgetBytes);
            details.put("budgetUsedBytes", chargedBytes.get());
        }
        details.putAll(d.details());
        return new AllocatorStats(name, s.blocks(), s.frees(), s.bytes(), d.bytesInUse(),
                d.bytesReserved(), d.peakBytesInUse(), d.resets(), d.pinnedRoots(), details);
    }

    /** {@code counting(<delegate's name>)}. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        Allocators.refuseToCloseDefault(this);
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("allocator '" + name + "' is already closed; close it once");
        }
        closed();
        try {
            if (ownsDelegate && delegate.isOpen()) {
                delegate.close();
            }
        } finally {
            closeActions.runAll();
        }
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(name, action);
    }

    /** Called once, when the counter closes, before the delegate is closed. */
    void closed() {
    }

    void count(BlockKind kind, long byteSize) {
        int k = kind.ordinal();
        blocks[k].increment();
        bytes[k].add(byteSize);
    }

    void charge(long byteSize) {
        if (budgetBytes == NO_BUDGET || byteSize <= 0) {
            return;
        }
        long used;
        do {
            used = chargedBytes.get();
            if (byteSize > budgetBytes - used) {
                throw new AllocationLimitExceededException(name, byteSize, used, budgetBytes, "budgetBytes");
            }
        } while (!chargedBytes.compareAndSet(used, used + byteSize));
    }

    void refund(long byteSize) {
        if (budgetBytes != NO_BUDGET && byteSize > 0) {
            chargedBytes.addAndGet(-byteSize);
        }
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("allocator '" + name + "' is closed; create a new counter");
        }
    }

    @Override
    public String toString() {
        CountingSnapshot s = snapshot();
        return "CountingAllocator[" + name + (isOpen() ? "" : ", closed") + ": "
                + Format.counts(s.refsBlocks(), s.refsBytes(), s.norefsBlocks(), s.norefsBytes(), s.frees(), s.freedBytes())
                + (budgetBytes == NO_BUDGET ? "" : "; budget " + chargedBytes.get() + " of " + budgetBytes + " bytes used")
                + "]";
    }
}
