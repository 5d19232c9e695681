package dev.arbor.counting;

import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeMemory;
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

/**
 * A decorator that counts every block allocated through it, per {@link BlockKind}, and every
 * block freed, so a test can say "this operation allocated exactly N nodes":
 *
 * <pre>{@code
 * CountingAllocator counter = CountingAllocator.over(arena);
 * AllocationDelta d = counter.measure(() -> vector.append(42));
 * assertEquals(1, d.blocks());
 * }</pre>
 *
 * <p>What it counts, each only once the delegate succeeded: {@link #allocate(long, long, BlockKind)}
 * (and so every {@code SegmentAllocator} use), {@link #allocateAddress}, {@link #free},
 * {@link #freeAddress}, and {@link #recordManagedBlock} (nodes a collection made of JVM objects
 * while this counter was current: they count as allocated blocks). Counters are {@link LongAdder}s:
 * safe and exact under concurrent use; a {@linkplain #snapshot() snapshot} is exact when no other
 * thread allocates through this counter meanwhile.
 *
 * <p>Everything else delegates: {@link #isNative()}, {@link #roots()}, {@link #generation()},
 * {@link #reset()}. Over a native delegate, the counter stands in front of it in
 * {@link BlockOwners} ({@link BlockOwners#putFace putFace}), so frees routed by address
 * ({@code RoutingHeap.freeAddress}) reach the counter first; closing the counter removes that.
 * One counter at a time can stand in front of a given native allocator.
 *
 * <p><b>Budget.</b> With a budget, an allocation that would take the bytes allocated since
 * creation (or since the last {@link #reset()}) past it throws
 * {@link AllocationLimitExceededException}, allocates nothing and counts nothing. Frees do not
 * give budget back: managed nodes are never freed explicitly (the JVM reclaims them), and a
 * budget bounds how much an operation may allocate, not how much it keeps.
 *
 * <p><b>Ownership.</b> {@link #over(Allocator)} never closes the delegate; a counter created by
 * {@link CountingProvider} with a {@code delegate} setting owns the delegate it created and
 * closes it on {@link #close()}.
 */
public final class CountingAllocator implements Allocator {
    private static final long NO_BUDGET = Long.MAX_VALUE;
    private static final int REFS = BlockKind.REFS.ordinal();
    private static final int NOREFS = BlockKind.NOREFS.ordinal();

    private final Allocator delegate;
    private final boolean ownsDelegate;
    private final long budgetBytes;
    private final String name;
    private final boolean face;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong chargedBytes = new AtomicLong();
    private final LongAdder[] blocks = {new LongAdder(), new LongAdder()};
    private final LongAdder[] bytes = {new LongAdder(), new LongAdder()};
    private final LongAdder frees = new LongAdder();
    private final LongAdder freedBytes = new LongAdder();

    CountingAllocator(Allocator delegate, boolean ownsDelegate, long budgetBytes) {
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
        this.face = delegate.isNative();
        if (face) {
            BlockOwners.putFace(delegate, this);
        }
    }

    /** A counter over {@code delegate}, without a budget; closing the counter leaves the delegate open. */
    public static CountingAllocator over(Allocator delegate) {
        return new CountingAllocator(delegate, false, NO_BUDGET);
    }

    /**
     * A counter over {@code delegate} that refuses allocations past {@code budgetBytes} bytes
     * (see the class comment); closing the counter leaves the delegate open.
     *
     * @throws IllegalArgumentException if {@code budgetBytes} is negative
     */
    public static CountingAllocator over(Allocator delegate, long budgetBytes) {
        return new CountingAllocator(delegate, false, budgetBytes);
    }

    /** The allocator this counter wraps. */
    public Allocator delegate() {
        return delegate;
    }

    /** The budget in bytes, if this counter has one. */
    public OptionalLong budgetBytes() {
        return budgetBytes == NO_BUDGET ? OptionalLong.empty() : OptionalLong.of(budgetBytes);
    }

    /** The counters now. */
    public CountingSnapshot snapshot() {
        return new CountingSnapshot(blocks[REFS].sum(), bytes[REFS].sum(), blocks[NOREFS].sum(), bytes[NOREFS].sum(),
                frees.sum(), freedBytes.sum());
    }

    /** What was allocated and freed through this counter since {@code before} was taken. */
    public AllocationDelta since(CountingSnapshot before) {
        return AllocationDelta.between(Objects.requireNonNull(before, "before"), snapshot());
    }

    /**
     * Runs {@code operation} with this counter as the thread's current allocator
     * ({@link CurrentAllocator#use}), so every node the routing heap makes on this thread is
     * counted, and returns what it allocated and freed. The previous current allocator is current
     * again afterwards, also when {@code operation} throws.
     *
     * @throws IllegalStateException if the counter is closed
     */
    public AllocationDelta measure(Runnable operation) {
        Objects.requireNonNull(operation, "operation");
        CountingSnapshot before = snapshot();
        try (AllocatorScope _ = CurrentAllocator.use(this)) {
            operation.run();
        }
        return since(before);
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

    /**
     * {@inheritDoc}
     *
     * @throws AllocationLimitExceededException if the block would take the counter past its budget
     */
    @Override
    public long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
        ensureOpen();
        Objects.requireNonNull(kind, "kind");
        charge(byteSize);
        long address;
        try {
            address = delegate.allocateAddress(byteSize, byteAlignment, kind);
        } catch (RuntimeException | Error e) {
            refund(byteSize);
            throw e;
        }
        count(kind, byteSize);
        return address;
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

    @Override
    public void freeAddress(long address, long byteSize) {
        ensureOpen();
        delegate.freeAddress(address, byteSize);
        frees.increment();
        freedBytes.add(byteSize);
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

    /** {@inheritDoc} The delegate's window: the memory is the delegate's. */
    @Override
    @SuppressWarnings("exports") // dev.arbor.api.memory is exported to Arbor's modules only
    public NativeMemory.Window accessWindow() {
        ensureOpen();
        return delegate.accessWindow();
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

    /**
     * The delegate's stats under this counter's name, with this counter's counts added to the
     * details ({@code countedBlocks}, {@code countedBytes}, per kind, {@code countedFrees},
     * {@code countedFreedBytes}, and {@code budgetBytes}/{@code budgetUsedBytes} with a budget).
     * The standard fields are the delegate's: over a shared allocator they include blocks that
     * did not go through this counter.
     */
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
        return new AllocatorStats(name, d.blocksAllocated(), d.blocksFreed(), d.bytesAllocated(), d.bytesInUse(),
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

    /**
     * Stops counting: routed frees go straight to the delegate again, and the delegate is closed
     * if this counter owns it (see the class comment).
     *
     * @throws IllegalStateException if already closed
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("allocator '" + name + "' is already closed; close it once");
        }
        if (face) {
            BlockOwners.removeFace(delegate, this);
        }
        if (ownsDelegate && delegate.isOpen()) {
            delegate.close();
        }
    }

    private void count(BlockKind kind, long byteSize) {
        int k = kind.ordinal();
        blocks[k].increment();
        bytes[k].add(byteSize);
    }

    private void charge(long byteSize) {
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

    private void refund(long byteSize) {
        if (budgetBytes != NO_BUDGET && byteSize > 0) {
            chargedBytes.addAndGet(-byteSize);
        }
    }

    private void ensureOpen() {
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
