package dev.arbor.api;

import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.roots.RootTable;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/** {@link RefusingAllocator} over any allocator; {@link Native} adds the address path over a native one. */
sealed class Refusing implements RefusingAllocator permits Refusing.Native {
    private static final LongPredicate NONE = n -> false;

    final Allocator delegate;
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CloseActions closeActions = new CloseActions();
    private volatile LongPredicate refuse = NONE;

    Refusing(Allocator delegate) {
        this.delegate = delegate;
    }

    @Override
    public void refuseFrom(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("refuseFrom(" + k + "): allocations are numbered from 1 (the next one)");
        }
        long first = allocations.get() + k;
        refuse = n -> n >= first;
    }

    @Override
    public void refuseIf(LongPredicate allocationNumber) {
        refuse = Objects.requireNonNull(allocationNumber, "allocationNumber");
    }

    @Override
    public void allowAll() {
        refuse = NONE;
    }

    @Override
    public long allocations() {
        return allocations.get();
    }

    @Override
    public long refusals() {
        return refusals.get();
    }

    @Override
    public Allocator delegate() {
        return delegate;
    }

    /** Numbers one allocation and throws if the rule refuses it. */
    final void admit(long byteSize) {
        ensureOpen();
        long n = allocations.incrementAndGet();
        if (refuse.test(n)) {
            refusals.incrementAndGet();
            throw new AllocationFailedException(name(), byteSize, "allocator '" + name() + "' refused allocation #" + n
                    + " (" + byteSize + " bytes) on purpose: a failure-injection test asked it to");
        }
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        admit(byteSize);
        return delegate.allocate(byteSize, byteAlignment, kind);
    }

    @Override
    public void free(MemorySegment block) {
        ensureOpen();
        delegate.free(block);
    }

    @Override
    public void recordManagedBlock(long byteSize, BlockKind kind) {
        admit(byteSize);
        delegate.recordManagedBlock(byteSize, kind);
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
        // Closing the decorator ends the values made through it, even if the delegate stays open.
        return closed.get() ? delegate.generation() + 1 : delegate.generation();
    }

    @Override
    public void reset() {
        ensureOpen();
        delegate.reset();
    }

    @Override
    public AllocatorStats stats() {
        AllocatorStats d = delegate.stats();
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("allocationsAsked", allocations.get());
        details.put("refusals", refusals.get());
        details.putAll(d.details());
        return new AllocatorStats(name(), d.blocksAllocated(), d.blocksFreed(), d.bytesAllocated(), d.bytesInUse(),
                d.bytesReserved(), d.peakBytesInUse(), d.resets(), d.pinnedRoots(), details);
    }

    @Override
    public String name() {
        return "refusing(" + delegate.name() + ")";
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && delegate.isOpen();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("allocator '" + name() + "' is already closed; close it once");
        }
        refuse = NONE;
        closeActions.runAll();
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(name(), action);
    }

    final void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("allocator '" + name() + "' is closed; make a new one over '"
                    + delegate.name() + "'");
        }
    }

    @Override
    public String toString() {
        return "RefusingAllocator[" + name() + ", " + allocations.get() + " asked, " + refusals.get() + " refused]";
    }

    /** Over a native allocator: numbers and refuses its node allocations too. */
    static final class Native extends Refusing implements NativeAllocator {
        private final NativeAllocator nativeDelegate;

        Native(NativeAllocator delegate) {
            super(delegate);
            this.nativeDelegate = delegate;
        }

        @Override
        public long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
            admit(byteSize);
            return nativeDelegate.allocateAddress(byteSize, byteAlignment, kind);
        }

        @Override
        public void freeAddress(long address, long byteSize) {
            nativeDelegate.freeAddress(address, byteSize);
        }

        @Override
        public NativeMemory.Window accessWindow() {
            ensureOpen();
            return nativeDelegate.accessWindow();
        }
    }
}
