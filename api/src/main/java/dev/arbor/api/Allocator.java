package dev.arbor.api;

import dev.arbor.api.roots.RootTable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * A source of memory blocks: the SPI every Arbor allocator plugin implements.
 *
 * <p>Invariants every implementation keeps (the contract test in {@code arbor-api}'s test jar
 * checks each one):
 * <ul>
 *   <li>Two live blocks never overlap, and a block is at least as large as requested and aligned
 *       to the requested power of two.</li>
 *   <li>A block returned by {@link #allocate(long, long, BlockKind)} stays valid until it is
 *       {@linkplain #free freed}, the allocator is {@linkplain #reset reset}, or it is
 *       {@linkplain #close closed}; afterwards, access through the returned segment throws
 *       (the segment's scope is no longer alive) instead of reading reused memory, for every
 *       allocator that supports reset.</li>
 *   <li>A failed allocation throws and leaves every earlier block intact and the allocator
 *       usable.</li>
 *   <li>After {@link #close()}, every method except {@link #name()}, {@link #stats()} and
 *       {@link #isOpen()} throws {@link IllegalStateException}.</li>
 * </ul>
 *
 * <p>Every allocator is a {@link SegmentAllocator}, so host code can hand it to any
 * {@code java.lang.foreign} API; those blocks are {@link BlockKind#NOREFS}.
 *
 * <p>Host code allocates and frees through segments, which carry their lifetime. Arbor's own
 * native allocators also have an address-level path for collection nodes; it is internal to
 * Arbor's modules, because a raw address carries no lifetime.
 *
 * <p>Memory safety (which threads may use native values, what a reset or close does to reads in
 * flight): {@code docs/memory-safety.md} in the repository.
 */
public interface Allocator extends SegmentAllocator, AutoCloseable {

    /**
     * Allocates a block.
     *
     * @param byteSize      bytes, zero or more
     * @param byteAlignment a power of two
     * @param kind          whether the block may hold root handles
     * @return a segment of exactly {@code byteSize} bytes
     * @throws IllegalArgumentException if {@code byteSize} is negative or {@code byteAlignment}
     *                                  is not a power of two this allocator supports
     * @throws AllocationFailedException if the memory cannot be obtained (a limit, or the system)
     * @throws IllegalStateException    if the allocator is closed
     * @throws WrongThreadException     if the allocator is confined to another thread
     */
    MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind);

    /** {@inheritDoc} The block is {@link BlockKind#NOREFS}: host code writes raw data into it. */
    @Override
    default MemorySegment allocate(long byteSize, long byteAlignment) {
        return allocate(byteSize, byteAlignment, BlockKind.NOREFS);
    }

    /**
     * Returns a block to this allocator. Allocators that free nothing individually (an arena)
     * may only account for it.
     *
     * @param block a block this allocator handed out, as returned by {@link #allocate(long, long, BlockKind)}
     * @throws InvalidFreeException  if the block was not handed out by this allocator or was
     *                               already freed (allocators that track blocks detect this)
     * @throws IllegalStateException if the allocator is closed
     */
    void free(MemorySegment block);

    /**
     * Whether blocks are native memory rather than JVM heap memory managed by the garbage
     * collector. Collections make native nodes only under Arbor's own native allocators (the
     * arena, the debug allocator, and counters over them); under any other allocator their nodes
     * are JVM objects.
     *
     * @return {@code true} if blocks are native memory, {@code false} if they live on the JVM heap
     */
    boolean isNative();

    /**
     * Accounts for a node that a collection allocated as ordinary JVM objects while this
     * allocator was current (managed nodes have no segment). The default does nothing;
     * decorators such as the counting allocator count it.
     *
     * @param byteSize the size the node accounts for, in bytes
     * @param kind     whether the node may hold root handles
     */
    default void recordManagedBlock(long byteSize, BlockKind kind) {
    }

    /**
     * The table through which this allocator's native blocks refer to JVM objects, or
     * {@code null} for allocators whose blocks live on the JVM heap (they need no roots).
     *
     * @return this allocator's root table, or {@code null} if its blocks live on the JVM heap
     */
    default RootTable roots() {
        return null;
    }

    /**
     * Invalidates every block at once. Afterwards the allocator hands out memory again, and
     * its {@link #generation()} has grown by one.
     *
     * @throws UnsupportedOperationException if the allocator cannot reset (the JVM heap)
     * @throws IllegalStateException         if the allocator is closed
     */
    void reset();

    /**
     * The allocator's generation: it grows by one at each {@link #reset()}, and grows again at
     * {@link #close()}, so a value holding blocks compares this one number to know that they are
     * still valid (native collections do so for every element they walk). A native allocator must
     * follow this rule ({@code AllocatorContractTest} checks it); one that never resets and is not
     * native may keep the default {@code 0}.
     *
     * @return the current generation
     */
    default long generation() {
        return 0;
    }

    /**
     * A snapshot of this allocator's counters. Works after {@link #close()} too.
     *
     * @return the counters as they are now
     */
    AllocatorStats stats();

    /**
     * A short name for messages and stats, e.g. {@code "arena"}.
     *
     * @return the allocator's name
     */
    String name();

    /**
     * Whether {@link #close()} has not been called yet.
     *
     * @return {@code true} until {@link #close()} is called
     */
    boolean isOpen();

    /**
     * Runs {@code action} once, right after this allocator is closed (to unregister what watched
     * it, say). Arbor's allocators support it; the default throws.
     *
     * @param action what to run after the close
     * @throws UnsupportedOperationException if this allocator does not report its close
     * @throws IllegalStateException         if it is already closed
     */
    default void onClose(Runnable action) {
        throw new UnsupportedOperationException("allocator '" + name() + "' does not report its close");
    }

    /**
     * Releases every block and root. Closing twice throws {@link IllegalStateException}, as
     * {@link java.lang.foreign.Arena#close()} does: a second close is a lifecycle bug worth
     * seeing. The {@linkplain dev.arbor.api.discovery.Allocators#defaultAllocator() default
     * allocator} cannot be closed, as {@link java.lang.foreign.Arena#global()} cannot.
     *
     * @throws IllegalStateException         if already closed
     * @throws UnsupportedOperationException if this is the default allocator (see
     *                                       {@link dev.arbor.api.discovery.Allocators#refuseToCloseDefault})
     */
    @Override
    void close();
}
