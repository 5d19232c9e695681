package dev.arbor.arena;

import dev.arbor.api.CloseActions;
import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.roots.RootRegistries;
import dev.arbor.api.roots.RootTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The arena's implementation: native memory handed out by bumping a pointer through chunks, all
 * of it invalidated at once by {@link #reset()}. Not public: its address-level path
 * ({@link NativeAllocator}) is for Arbor's collections only; users see {@link ArenaAllocator}.
 *
 * <h2>Layout</h2>
 * <pre>
 *  chunks: chunkSize bytes each, kept in the order obtained (class Chunks)
 *
 *   chunk 0 (full)            chunk 1 (current)                chunk 2 (retained, waiting)
 *  +-----------------+----+  +---+----+--+----+-----------+   +------------------------+
 *  |blk|pad|blk|blk  |tail|  |blk|blk |pa|blk |   free    |   |  reused after chunk 1  |
 *  +-----------------+----+  +---+----+--+----+-----------+   +------------------------+
 *  ^base      tops[0]^       ^chunkBase       ^top  chunkEnd^
 *
 *  large blocks: bytes &gt; largeThreshold (or too big for any chunk), one system block each
 *  (class LargeBlocks), over-reserved so any alignment fits:
 *  +-----+-------------------------------+
 *  | pad | block                         |   reserved = bytes + alignment - 1
 *  +-----+-------------------------------+
 * </pre>
 *
 * <h2>Allocation ({@link #allocateAddress})</h2>
 * <ol>
 *   <li>{@code start = alignUp(top, alignment)}, {@code end = start + bytes}.</li>
 *   <li>Fast path, small enough to inline: if the caller is the owner thread (one field compare
 *       with {@link Thread#currentThread()}; shared and closed arenas have no owner here), the
 *       alignment is a power of two up to {@value #MAX_ALIGNMENT}, {@code 0 <= bytes <=
 *       largeThreshold} and {@code end < chunkEnd}: set {@code top = end}, count, return
 *       {@code start}. The bound is strict so every address handed out, even of a zero-byte
 *       block, lies inside a chunk this arena owns.</li>
 *   <li>Otherwise, out of line ({@code allocateSlow}): check state (closed, thread, lock in shared
 *       mode) and arguments; a large request gets its own block; a small one that does not fit
 *       moves to the next retained chunk, or to a new chunk, and bumps there (the rest of the
 *       chunk it leaves stays unused until the next reset).</li>
 * </ol>
 *
 * <h2>Free and reset</h2>
 * A free of a block in a chunk is only counted: chunk memory is never handed out twice in one
 * generation. The arena does not track each small block, so it cannot tell a repeated free, or a
 * free of an earlier generation's block at an address this generation handed out again, from a
 * first free; such a free changes only the counts. A large block goes back to the system when it
 * is freed; its segment has its own lifetime, ended first ({@link LargeBlocks}). Reset releases
 * every large block and root, keeps chunks as the mode says and reuses every kept chunk, in order.
 *
 * <h2>Threads</h2>
 * A shared arena serializes every operation with a lock (all its allocations take the out-of-line
 * path); the confined path takes no lock. Segments and the window belong to a
 * {@link java.lang.foreign.Arena} of the current generation, closed at each reset and at close
 * before any memory is released or reused.
 */
final class BumpArena implements ArenaAllocator, NativeAllocator {
    // Fast-path state, read by allocateAddress.
    /** The owner thread while open and confined; null when shared or closed (forces the slow path). */
    private Thread fastOwner;
    private long top;
    /** Exclusive bound of the current chunk: a block fits if it ends strictly before it. 0 = no chunk. */
    private long chunkEnd;
    private final long largeThreshold;
    private long blocksAllocated;
    private long bytesAllocated;

    // Everything else.
    private final String name;
    private final long chunkSize;
    private final long limit;
    private final ResetMode resetMode;
    private final Thread confinedTo;
    private final ReentrantLock lock;
    private final Chunks chunks;
    private final LargeBlocks large;
    private final RootTable roots;
    private long chunkBase;
    /** Bytes of chunk blocks freed (only counted: chunk bytes come back at reset). */
    private long freedInChunks;
    private long blocksFreed;
    private long peakBytesInUse;
    private long generation;
    private long resets;
    /** Lifetime of this generation's segments and window; created on first use, closed at reset and close. */
    private Arena scope;
    /** The window collections read this generation through; made with {@link #scope}, dropped with it. */
    private NativeMemory.Window window;
    private volatile boolean closed;
    private final CloseActions closeActions = new CloseActions();

    BumpArena(String name, long chunkSize, long largeThreshold, long limit, ResetMode resetMode, boolean shared) {
        this.name = name;
        this.chunkSize = chunkSize;
        this.largeThreshold = largeThreshold;
        this.limit = limit;
        this.resetMode = resetMode;
        this.confinedTo = shared ? null : Thread.currentThread();
        this.fastOwner = confinedTo;
        this.lock = shared ? new ReentrantLock() : null;
        this.chunks = new Chunks(this, chunkSize);
        this.large = new LargeBlocks(this);
        this.roots = new RootTable(name, RootRegistries.registry());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The hot path: small enough for the JIT to inline, everything unusual is out of line.
     * {@code kind} does not change where the block goes (the arena never scans memory).
     *
     * @throws IllegalArgumentException if {@code byteSize} is negative or {@code byteAlignment} is
     *                                  not a power of two from 1 to {@value #MAX_ALIGNMENT}
     * @throws AllocationLimitExceededException if the block would take the reserved bytes past the limit
     * @throws dev.arbor.api.AllocationFailedException if the system refuses memory
     * @throws IllegalStateException    if the arena is closed
     * @throws WrongThreadException     if the arena is confined to another thread
     */
    @Override
    public long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
        long start = (top + byteAlignment - 1) & -byteAlignment;
        long end = start + byteSize;
        // Valid alignments are exactly the powers of two 1..4096: (a - 1) has no bit of a, none >= 4096.
        if (fastOwner == Thread.currentThread()
                && ((byteAlignment - 1) & (byteAlignment | -MAX_ALIGNMENT)) == 0
                && Long.compareUnsigned(byteSize, largeThreshold) <= 0
                && end < chunkEnd) {
            top = end;
            blocksAllocated++;
            bytesAllocated += byteSize;
            return start;
        }
        return allocateSlow(byteSize, byteAlignment);
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        if (lock == null) {
            long address = allocateAddress(byteSize, byteAlignment, kind);
            return NativeMemory.segment(address, byteSize, segmentScope(address, byteSize, byteAlignment));
        }
        // Under the lock, so a reset cannot slip between the block and its scope.
        lock.lock();
        try {
            checkOpen("allocate from");
            long address = allocateChecked(byteSize, byteAlignment);
            return NativeMemory.segment(address, byteSize, segmentScope(address, byteSize, byteAlignment));
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A block in a chunk is only counted (its memory comes back at reset); a large block goes
     * back to the system. Collections free only blocks they own, once.
     *
     * @throws InvalidFreeException  if the range does not lie in memory this arena handed out in
     *                               its current generation (not yet reached, another arena's, or
     *                               a large block that was already freed or reset), or is a large
     *                               block freed with another size
     */
    @Override
    public void freeAddress(long address, long byteSize) {
        if (lock == null) {
            checkUsable("free a block of");
            freeChecked(address, byteSize);
            return;
        }
        lock.lock();
        try {
            checkOpen("free a block of");
            freeChecked(address, byteSize);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void free(MemorySegment block) {
        Objects.requireNonNull(block, "block");
        if (!block.isNative() || !block.scope().isAlive()) {
            throw new InvalidFreeException(block.address(), "arena '" + name + "' cannot free " + block
                    + ": " + (block.isNative() ? "its lifetime has ended (it was freed, or dates from before a reset or close)"
                            : "it is on the JVM heap") + "; free each block of the current generation once");
        }
        freeAddress(block.address(), block.byteSize());
    }

    @Override
    public void reset() {
        reset(resetMode);
    }

    @Override
    public void reset(ResetMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (lock == null) {
            checkUsable("reset");
            resetChecked(mode);
            return;
        }
        lock.lock();
        try {
            checkOpen("reset");
            resetChecked(mode);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Allocators.refuseToCloseDefault(this);
        if (lock == null) {
            checkUsable("close");
            closeChecked();
        } else {
            lock.lock();
            try {
                checkOpen("close");
                closeChecked();
            } finally {
                lock.unlock();
            }
        }
        closeActions.runAll();
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(name, action);
    }

    @Override
    public AllocatorStats stats() {
        if (lock == null) {
            return snapshot();
        }
        lock.lock();
        try {
            return snapshot();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public RootTable roots() {
        return roots;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The window belongs to this generation's scope: {@link #reset()} and {@link #close()}
     * close it before any memory is released or reused. A confined arena's window is confined to
     * its owner thread; a shared arena's reset and close wait, as closing a shared
     * {@link Arena} does, until no thread is inside an access through it.
     */
    @Override
    public NativeMemory.Window accessWindow() {
        if (lock == null) {
            checkUsable("read or write the memory of");
            return currentWindow();
        }
        lock.lock();
        try {
            checkOpen("read or write the memory of");
            return currentWindow();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long generation() {
        return generation;
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
    public boolean isShared() {
        return lock != null;
    }

    @Override
    public long chunkSize() {
        return chunkSize;
    }

    @Override
    public long largeThreshold() {
        return largeThreshold;
    }

    @Override
    public long limit() {
        return limit;
    }

    @Override
    public ResetMode resetMode() {
        return resetMode;
    }

    @Override
    public String toString() {
        return "ArenaAllocator[" + name + (lock != null ? ", shared" : ", confined to " + confinedTo)
                + (closed ? ", closed" : ", generation " + generation) + "]";
    }

    // ---- out of line ----

    private long allocateSlow(long byteSize, long byteAlignment) {
        if (lock == null) {
            checkUsable("allocate from");
            return allocateChecked(byteSize, byteAlignment);
        }
        lock.lock();
        try {
            checkOpen("allocate from");
            return allocateChecked(byteSize, byteAlignment);
        } finally {
            lock.unlock();
        }
    }

    /** Allocation with state already checked (owner thread, or under the lock). */
    private long allocateChecked(long bytes, long alignment) {
        if (bytes < 0) {
            throw Errors.badSize(bytes);
        }
        if (alignment <= 0 || alignment > MAX_ALIGNMENT || (alignment & (alignment - 1)) != 0) {
            throw Errors.badAlignment(alignment);
        }
        long address;
        if (isLarge(bytes, alignment)) {
            address = allocateLarge(bytes, alignment);
        } else {
            address = (top + alignment - 1) & -alignment;
            if (address + bytes >= chunkEnd) {
                long base = nextChunk(bytes);
                address = (base + alignment - 1) & -alignment;
            }
            top = address + bytes;
        }
        blocksAllocated++;
        bytesAllocated += bytes;
        return address;
    }

    /** Whether a valid request gets its own block rather than a place in a chunk. */
    private boolean isLarge(long bytes, long alignment) {
        // bytes + alignment <= chunkSize guarantees the block fits an empty chunk whatever its base.
        return bytes > largeThreshold || bytes + alignment > chunkSize;
    }

    /**
     * The lifetime of the segment for the block just allocated at {@code address}: a large
     * block's own (it goes back to the system when freed), else the generation's.
     */
    private Arena segmentScope(long address, long bytes, long alignment) {
        return isLarge(bytes, alignment) ? large.scopeOf(address, lock != null) : generationScope();
    }

    private long allocateLarge(long bytes, long alignment) {
        if (bytes > Long.MAX_VALUE - alignment) {
            throw Errors.systemRefused(name, bytes, bytes, reservedBytes());
        }
        long reserve = LargeBlocks.reservation(bytes, alignment);
        checkLimit(bytes, reserve);
        long address = large.allocate(bytes, alignment, reserve);
        if (address == 0) {
            throw Errors.systemRefused(name, bytes, reserve, reservedBytes());
        }
        return address;
    }

    /** Makes the next retained chunk, or a new one, current and returns its base. */
    private long nextChunk(long requested) {
        if (!chunks.hasRetainedNext()) {
            checkLimit(requested, chunkSize);
        }
        long base = chunks.advance(top);
        if (base == 0) {
            throw Errors.systemRefused(name, requested, chunkSize, reservedBytes());
        }
        // Bytes in use do not change here: the chunk left behind moves into usedBefore.
        chunkBase = base;
        chunkEnd = base + chunkSize;
        top = base;
        return base;
    }

    private void checkLimit(long requested, long reserve) {
        long reserved = reservedBytes();
        if (limit > 0 && reserve > limit - reserved) {
            ArenaEvents.limitExceeded(name, requested, reserved, limit);
            throw new AllocationLimitExceededException(name, requested, reserved, limit);
        }
    }

    private void freeChecked(long address, long bytes) {
        if (bytes < 0) {
            throw Errors.badSize(bytes);
        }
        // Chunks before large blocks: the common free (a node a transient replaced) is in a chunk,
        // and the chunk test neither boxes nor hashes.
        if (chunks.holdsUsed(address, bytes, top)) {
            updatePeak();
            freedInChunks += bytes;
            blocksFreed++;
            return;
        }
        long reserved = large.lookup(address, bytes);
        if (reserved >= 0) {
            updatePeak();
            large.free(address);
            blocksFreed++;
            return;
        }
        if (reserved < -1) {
            throw Errors.wrongSize(name, address, bytes, -2 - reserved);
        }
        throw Errors.notOwned(name, address, bytes);
    }

    private void resetChecked(ResetMode mode) {
        ArenaEvents.Reset event = new ArenaEvents.Reset();
        event.begin();
        long inUseBefore = bytesInUse();
        updatePeak();
        closeScope();
        roots.releaseAll();
        large.releaseAll();
        chunks.restart(chunks.chunksWithin(mode.retainedBytes()));
        forgetCurrentChunk();
        generation++;
        resets++;
        if (event.shouldCommit()) {
            event.allocator = name;
            event.mode = mode.toString();
            event.bytesInUse = inUseBefore;
            event.reservedBytes = reservedBytes();
            event.generation = generation;
            event.commit();
        }
    }

    private void closeChecked() {
        ArenaEvents.Closed event = new ArenaEvents.Closed();
        event.begin();
        long inUseBefore = bytesInUse();
        long reservedBefore = reservedBytes();
        updatePeak();
        closeScope();
        roots.close();
        large.releaseAll();
        chunks.releaseAll();
        forgetCurrentChunk();
        fastOwner = null;
        // Values check one number, the generation, for reset and close alike.
        generation++;
        closed = true;
        if (event.shouldCommit()) {
            event.allocator = name;
            event.bytesInUse = inUseBefore;
            event.reservedBytes = reservedBefore;
            event.commit();
        }
    }

    private void forgetCurrentChunk() {
        top = 0;
        chunkBase = 0;
        chunkEnd = 0;
        freedInChunks = 0;
    }

    private Arena generationScope() {
        Arena s = scope;
        if (s == null) {
            s = lock == null ? Arena.ofConfined() : Arena.ofShared();
            scope = s;
        }
        return s;
    }

    private NativeMemory.Window currentWindow() {
        NativeMemory.Window w = window;
        if (w == null) {
            w = NativeMemory.window(generationScope(), generation, confinedTo);
            window = w;
        }
        return w;
    }

    private void closeScope() {
        if (scope != null) {
            window = null;
            scope.close();
            scope = null;
        }
    }

    private long reservedBytes() {
        return chunks.reservedBytes() + large.reservedBytes();
    }

    private long bytesInUse() {
        return Math.max(0, chunks.usedBefore() + (top - chunkBase) + large.reservedBytes() - freedInChunks);
    }

    /** Called before anything that lowers bytes in use; growth is caught by the next call or stats(). */
    private void updatePeak() {
        peakBytesInUse = Math.max(peakBytesInUse, bytesInUse());
    }

    private AllocatorStats snapshot() {
        long inUse = bytesInUse();
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("chunks", (long) chunks.count());
        details.put("largeBlocks", (long) large.count());
        details.put("generation", generation);
        details.put("limit", limit);
        details.put("chunkSize", chunkSize);
        return new AllocatorStats(name, blocksAllocated, blocksFreed, bytesAllocated, inUse, reservedBytes(),
                Math.max(peakBytesInUse, inUse), resets, roots.size(), details);
    }

    /** For the confined path: closed first, then the owner thread. */
    private void checkUsable(String operation) {
        if (closed) {
            throw Errors.closed(name, operation);
        }
        if (Thread.currentThread() != confinedTo) {
            throw Errors.wrongThread(name, operation, confinedTo);
        }
    }

    /** For the shared path, under the lock. */
    private void checkOpen(String operation) {
        if (closed) {
            throw Errors.closed(name, operation);
        }
    }
}
