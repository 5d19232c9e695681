package dev.arbor.api.heap;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.scope.CurrentAllocator;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Where collections get and return node memory.
 *
 * <ul>
 *   <li>New blocks come from the thread's {@linkplain CurrentAllocator current allocator}, else
 *       from the {@linkplain Allocators#defaultAllocator() default allocator}.</li>
 *   <li>Native blocks go back to the allocator that <em>owns</em> them ({@link BlockOwners}),
 *       whatever allocator is current: freeing through the current one would hand a block to an
 *       allocator that never owned it.</li>
 *   <li>JVM heap blocks have no address to look up; they go back to the default allocator, and
 *       the JVM's collector reclaims them in any case.</li>
 * </ul>
 */
public final class RoutingHeap {
    private RoutingHeap() {
    }

    /** {@return the allocator new blocks go to on this thread: the current one, else the default} */
    public static Allocator target() {
        Allocator a = CurrentAllocator.get();
        return a != null ? a : Allocators.defaultAllocator();
    }

    /**
     * Allocates from {@link #target()}. See {@link Allocator#allocate(long, long, BlockKind)}.
     *
     * @param byteSize      bytes, zero or more
     * @param byteAlignment a power of two
     * @param kind          whether the block may hold root handles
     * @return a segment of exactly {@code byteSize} bytes
     */
    public static MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind) {
        return target().allocate(byteSize, byteAlignment, kind);
    }

    /**
     * Accounts for a node a collection made of ordinary JVM objects: tells the current allocator
     * (a counting allocator counts it); does nothing when none is current, so the default path
     * pays one thread-local read.
     *
     * @param byteSize the size the node accounts for, in bytes
     * @param kind     whether the node may hold root handles
     */
    public static void recordManagedBlock(long byteSize, BlockKind kind) {
        Allocator a = CurrentAllocator.get();
        if (a != null) {
            a.recordManagedBlock(byteSize, kind);
        }
    }

    /**
     * Returns a block to its owner, whatever allocator is current.
     *
     * @param block a native block from an open Arbor allocator, or a JVM heap block from the default allocator
     * @throws InvalidFreeException if {@code block} is native and no open Arbor allocator owns it
     */
    public static void free(MemorySegment block) {
        Objects.requireNonNull(block, "block");
        if (!block.isNative()) {
            Allocators.defaultAllocator().free(block);
            return;
        }
        Allocator owner = BlockOwners.ownerOf(block.address());
        if (owner == null) {
            throw new InvalidFreeException(block.address(), "no Arbor allocator owns " + block
                    + ": it was never allocated through Arbor, or its allocator was closed");
        }
        owner.free(block);
    }

    /**
     * The allocator that owns the native block at {@code address}, or null if none does.
     *
     * @param address an address inside a native block
     * @return the owning allocator, or {@code null} if none does
     */
    public static Allocator ownerOf(long address) {
        return BlockOwners.ownerOf(address);
    }
}
