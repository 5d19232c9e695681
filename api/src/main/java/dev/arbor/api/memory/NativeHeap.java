package dev.arbor.api.memory;

import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.heap.RoutingHeap;

/**
 * The routing heap's address-level path, for Arbor's collections: new nodes come from the
 * thread's target allocator, and a node goes back to the allocator that owns its address,
 * whatever allocator is current.
 */
public final class NativeHeap {
    private NativeHeap() {
    }

    /**
     * Allocates a native block from {@link RoutingHeap#target()} and returns its address.
     *
     * @param byteSize      bytes, zero or more
     * @param byteAlignment a power of two
     * @param kind          whether the block may hold root handles
     * @return the block's first address
     * @throws UnsupportedOperationException if the target hands out JVM heap memory
     */
    public static long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
        return NativeAllocator.of(RoutingHeap.target()).allocateAddress(byteSize, byteAlignment, kind);
    }

    /**
     * Returns the native block at {@code address} to its owner, whatever allocator is current.
     *
     * @param address  the block's first address
     * @param byteSize the size the block was allocated with
     * @throws InvalidFreeException if no Arbor allocator owns the address
     */
    public static void freeAddress(long address, long byteSize) {
        NativeAllocator owner = BlockOwners.ownerOf(address);
        if (owner == null) {
            throw new InvalidFreeException(address, "no Arbor allocator owns the block at 0x" + Long.toHexString(address)
                    + " (" + byteSize + " bytes): it was never allocated through Arbor, or its allocator was closed");
        }
        owner.freeAddress(address, byteSize);
    }
}
