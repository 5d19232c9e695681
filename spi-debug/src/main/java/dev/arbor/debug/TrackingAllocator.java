package dev.arbor.debug;

import dev.arbor.api.CloseActions;
import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.roots.RootRegistries;
import dev.arbor.api.roots.RootTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The debug allocator's implementation (see {@link DebugAllocator} for what it guarantees). Not
 * public: its address-level path ({@link NativeAllocator}) is for Arbor's collections only.
 *
 * <p>Thread-safe: one lock guards every block table; stack traces are taken outside it.
 */
final class TrackingAllocator implements DebugAllocator, NativeAllocator {
    private final String name = DebugProvider.NAME;
    private final LeakDetection leakDetection;
    private final long sampleInterval;
    private final long quarantineCapacity;
    private final boolean failOnLeak;

    private final ReentrantLock lock = new ReentrantLock();
    /** Live blocks by address; sorted so a free of an interior address finds its block. */
    private final TreeMap<Long, BlockRecord> live = new TreeMap<>();
    private final Quarantine quarantine;
    private final RootTable roots;

    private boolean open = true;
    private long generation;
    /** This generation's window and its shared scope, made on first use and closed at reset and close. */
    private NativeMemory.Window window;
    private Arena windowScope;
    private long blocksAllocated;
    private long blocksFreed;
    private long bytesAllocated;
    private long bytesInUse;
    private long liveReserved;
    private long peakBytesInUse;
    private long sitesRecorded;
    private long doubleFrees;
    private long invalidFrees;
    private long leakedBlocks;
    private LeakReport reportAtClose;
    private final CloseActions closeActions = new CloseActions();

    TrackingAllocator(Builder b) {
        this.leakDetection = b.leakDetection;
        this.sampleInterval = b.sampleInterval;
        this.quarantineCapacity = b.quarantineBytes;
        this.failOnLeak = b.failOnLeak;
        this.quarantine = new Quarantine(quarantineCapacity);
        this.roots = new RootTable(name, RootRegistries.registry());
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        BlockRecord block = allocateBlock(byteSize, byteAlignment, kind, true);
        return NativeMemory.segment(block.address, block.size, block.scope);
    }

    /** {@inheritDoc} No segment and no scope are made; use after free is caught by checked raw access. */
    @Override
    public long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
        return allocateBlock(byteSize, byteAlignment, kind, false).address;
    }

    @Override
    public void free(MemorySegment block) {
        Objects.requireNonNull(block, "block");
        if (!block.isNative()) {
            throw new InvalidFreeException(0, "debug allocator '" + name + "' cannot free a JVM heap segment of "
                    + block.byteSize() + " bytes: it hands out native memory only; free the segment where it came from");
        }
        freeBlock(block.address(), block.byteSize(), block.scope());
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidFreeException if {@code address} is not a live block of this allocator of
     *                              {@code byteSize} bytes; nothing changes then
     */
    @Override
    public void freeAddress(long address, long byteSize) {
        freeBlock(address, byteSize, null);
    }

    @Override
    public RootTable roots() {
        return roots;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Shared: any thread may read through it. {@link #reset()} and {@link #close()} close it
     * before they poison or release a block, waiting (as closing a shared {@link Arena} does)
     * until no thread is inside an access through it.
     */
    @Override
    public NativeMemory.Window accessWindow() {
        lock.lock();
        try {
            ensureOpen();
            if (window == null) {
                windowScope = Arena.ofShared();
                window = NativeMemory.window(windowScope, generation, null);
            }
            return window;
        } finally {
            lock.unlock();
        }
    }

    private void closeWindow() {
        if (windowScope != null) {
            window = null;
            windowScope.close();
            windowScope = null;
        }
    }

    @Override
    public void reset() {
        lock.lock();
        try {
            ensureOpen();
            closeWindow();
            List<BlockRecord> blocks = new ArrayList<>(live.values());
            live.clear();
            bytesInUse = 0;
            for (BlockRecord b : blocks) {
                b.resetInGeneration = generation;
                kill(b);
                liveReserved -= b.reservedBytes;
                quarantineOrRelease(b);
            }
            generation++;
            roots.releaseAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AllocatorStats stats() {
        lock.lock();
        try {
            Map<String, Long> details = new LinkedHashMap<>();
            details.put("blocksLive", (long) live.size());
            details.put("quarantinedBlocks", (long) quarantine.size());
            details.put("quarantinedBytes", quarantine.bytes());
            details.put("sitesRecorded", sitesRecorded);
            details.put("doubleFreesDetected", doubleFrees);
            details.put("invalidFreesDetected", invalidFrees);
            details.put("leakedBlocks", leakedBlocks);
            return new AllocatorStats(name, blocksAllocated, blocksFreed, bytesAllocated, bytesInUse,
                    liveReserved + quarantine.bytes(), peakBytesInUse, generation, open ? roots.size() : 0, details);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(name, action);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LeakDetection leakDetection() {
        return leakDetection;
    }

    @Override
    public LeakReport leakReport() {
        lock.lock();
        try {
            return open ? currentReport() : reportAtClose;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Allocators.refuseToCloseDefault(this);
        LeakReport report;
        lock.lock();
        try {
            if (!open) {
                throw new IllegalStateException("debug allocator '" + name + "' is already closed; close it once");
            }
            report = currentReport();
            leakedBlocks = report.blocks().size();
            if (!report.isEmpty()) {
                DebugEvents.leakDetected(name, leakedBlocks, report.totalBytes());
            }
            closeWindow();
            for (BlockRecord b : live.values()) {
                kill(b);
                release(b);
            }
            live.clear();
            bytesInUse = 0;
            liveReserved = 0;
            for (BlockRecord b : quarantine.drain()) {
                release(b);
            }
            roots.close();
            reportAtClose = report;
            // Values check one number, the generation, for reset and close alike.
            generation++;
            open = false;
        } finally {
            lock.unlock();
        }
        closeActions.runAll();
        if (!report.isEmpty()) {
            if (failOnLeak) {
                throw new LeakDetectedException(report);
            }
            System.err.println(report);
        }
    }

    @Override
    public String toString() {
        return "DebugAllocator[" + leakDetection + (leakDetection == LeakDetection.SAMPLED ? " 1/" + sampleInterval : "")
                + ", quarantine " + quarantineCapacity + " bytes" + (failOnLeak ? ", failOnLeak" : "") + "]";
    }

    /**
     * Test hook: a copy of the bytes of a block that is quarantined right now (so its memory is
     * still reserved and reading it is safe), or null if none starts at {@code address}. It reads
     * through a temporary segment, not through checked raw access, which rightly refuses freed
     * blocks.
     */
    byte[] quarantinedBytes(long address) {
        lock.lock();
        try {
            BlockRecord b = quarantine.find(address);
            if (b == null) {
                return null;
            }
            try (Arena view = Arena.ofConfined()) {
                return NativeMemory.segment(b.address, b.size, view).toArray(ValueLayout.JAVA_BYTE);
            }
        } finally {
            lock.unlock();
        }
    }

    private BlockRecord allocateBlock(long byteSize, long byteAlignment, BlockKind kind, boolean withSegment) {
        Objects.requireNonNull(kind, "kind");
        if (byteSize < 0) {
            throw new IllegalArgumentException("debug allocator '" + name + "' cannot allocate " + byteSize + " bytes: the size must be >= 0");
        }
        if (byteAlignment <= 0 || byteAlignment > MAX_ALIGNMENT || Long.bitCount(byteAlignment) != 1) {
            throw new IllegalArgumentException("debug allocator '" + name + "' cannot align to " + byteAlignment
                    + ": the alignment must be a power of two from 1 to " + MAX_ALIGNMENT);
        }
        // Over-reserve by alignment - 1 whatever malloc's own alignment is: memory is cheap here.
        long reserved = Math.max(byteSize, 1) + byteAlignment - 1;
        if (reserved < 0) {
            throw new AllocationFailedException(name, byteSize, "debug allocator '" + name + "' cannot allocate "
                    + byteSize + " bytes aligned to " + byteAlignment + ": the size overflows");
        }
        AllocationSite site = shouldRecordSite() ? AllocationSite.capture() : null;
        lock.lock();
        try {
            ensureOpen();
            long base = NativeMemory.reserve(reserved);
            if (base == 0) {
                throw new AllocationFailedException(name, byteSize, "debug allocator '" + name + "' could not obtain "
                        + reserved + " bytes from the system (" + byteSize + " requested, aligned to " + byteAlignment
                        + "); free memory or lower 'quarantine' (" + quarantineCapacity + " bytes held by freed blocks)");
            }
            long address = (base + byteAlignment - 1) & -byteAlignment;
            BlockRecord block;
            try {
                block = new BlockRecord(base, address, byteSize, reserved, kind, generation, blocksAllocated, site,
                        withSegment ? Arena.ofShared() : null);
                BlockOwners.register(address, block.registeredBytes(), this);
            } catch (RuntimeException | Error e) {
                NativeMemory.release(base);
                throw e;
            }
            live.put(address, block);
            blocksAllocated++;
            bytesAllocated += byteSize;
            bytesInUse += byteSize;
            liveReserved += reserved;
            peakBytesInUse = Math.max(peakBytesInUse, bytesInUse);
            if (site != null) {
                sitesRecorded++;
            }
            return block;
        } finally {
            lock.unlock();
        }
    }

    private boolean shouldRecordSite() {
        return switch (leakDetection) {
            case OFF -> false;
            case SAMPLED -> sampleInterval == 1 || ThreadLocalRandom.current().nextLong(sampleInterval) == 0;
            case EVERY_BLOCK -> true;
        };
    }

    /**
     * Frees the live block at {@code address}; {@code segmentScope} is the scope of the segment
     * being freed, or null on the address path.
     */
    private void freeBlock(long address, long byteSize, MemorySegment.Scope segmentScope) {
        lock.lock();
        try {
            ensureOpen();
            BlockRecord block = live.get(address);
            if (block == null) {
                throw refuse(address, byteSize);
            }
            if (segmentScope != null && (block.scope == null || !block.scope.scope().equals(segmentScope))) {
                // A segment of a block that was freed or reset, whose address now starts another live block.
                refused("stale segment", address, byteSize);
                throw new InvalidFreeException(address, "debug allocator '" + name + "' refuses to free " + byteSize
                        + " bytes at 0x" + Long.toHexString(address) + ": the segment's block was already freed or "
                        + "released by a reset, and its address now holds another live block, which stays allocated; "
                        + "free each segment once, before the reset");
            }
            if (block.size != byteSize) {
                refused("wrong size", address, byteSize);
                throw FreeErrors.wrongSize(name, block, byteSize, hint());
            }
            // Closing the scope may fail (a downcall still holds the segment): do it before any change.
            if (block.scope != null) {
                block.scope.close();
            }
            if (block.site != null) {
                block.freeSite = AllocationSite.capture();
            }
            live.remove(address);
            blocksFreed++;
            bytesInUse -= block.size;
            liveReserved -= block.reservedBytes;
            kill(block);
            quarantineOrRelease(block);
        } finally {
            lock.unlock();
        }
    }

    private static final String DOUBLE_FREE = "double free";

    /** Counts a refused free in the stats and records it as a JFR event; the caller throws. */
    private void refused(String reason, long address, long byteSize) {
        if (reason.equals(DOUBLE_FREE)) {
            doubleFrees++;
        } else {
            invalidFrees++;
        }
        DebugEvents.invalidFree(name, reason, address, byteSize);
    }

    /** The exception for a free of an address that is not a live block's start. */
    private InvalidFreeException refuse(long address, long byteSize) {
        BlockRecord dead = quarantine.find(address);
        if (dead != null) {
            refused(DOUBLE_FREE, address, byteSize);
            return FreeErrors.doubleFree(name, dead, byteSize, hint());
        }
        Map.Entry<Long, BlockRecord> below = live.floorEntry(address);
        if (below != null && address < below.getValue().address + below.getValue().registeredBytes()) {
            refused("interior address", address, byteSize);
            return FreeErrors.interior(name, address, byteSize, below.getValue(), hint());
        }
        refused("foreign address", address, byteSize);
        Allocator owner = BlockOwners.ownerOf(address);
        return FreeErrors.foreign(name, address, byteSize, owner == this ? null : owner, quarantineCapacity);
    }

    /** Closes the block's scope, poisons it while it is still live, and retires its region. */
    private void kill(BlockRecord block) {
        if (block.scope != null && block.scope.scope().isAlive()) {
            block.scope.close();
        }
        if (block.size > 0) {
            NativeMemory.fill(block.address, block.size, POISON);
        }
        BlockOwners.retire(block.address);
    }

    /** Puts a killed (retired) block in the quarantine; releases what no longer fits. */
    private void quarantineOrRelease(BlockRecord block) {
        for (BlockRecord old : quarantine.add(block)) {
            release(old);
        }
    }

    /** Gives a quarantined block's memory back to the system. */
    private void release(BlockRecord quarantined) {
        BlockOwners.unregister(quarantined.address);
        NativeMemory.release(quarantined.base);
    }

    private LeakReport currentReport() {
        List<BlockRecord> blocks = new ArrayList<>(live.values());
        // Oldest first: the table is sorted by address, which says nothing about order.
        blocks.sort(Comparator.comparingLong(b -> b.sequence));
        List<LeakedBlock> leaked = new ArrayList<>();
        for (BlockRecord b : blocks) {
            leaked.add(new LeakedBlock(b.address, b.size, b.kind, b.generation, b.site == null ? List.of() : b.site.frames()));
        }
        return new LeakReport(name, leaked, hint());
    }

    private String hint() {
        return leakDetection.notRecordedHint(sampleInterval);
    }

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException("debug allocator '" + name + "' is closed; create a new one");
        }
    }
}
