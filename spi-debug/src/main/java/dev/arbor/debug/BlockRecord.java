package dev.arbor.debug;

import dev.arbor.api.BlockKind;
import java.lang.foreign.Arena;

/**
 * One block of the debug allocator, live or quarantined. Guarded by the allocator's lock.
 *
 * <pre>
 * base                 address                     address + size
 * |--- alignment pad ---|======== the block ========|--- rest of pad ---|
 * |&lt;------------------------ reservedBytes (one malloc) -------------------&gt;|
 * </pre>
 *
 * Live, {@code [address, address + max(size, 1))} is registered in {@code BlockOwners} (a zero-byte
 * block registers one byte, as the registry refuses empty ranges, so it still has an owner).
 * Quarantined, the same region stays registered but retired: a second free routed by address still
 * reaches this allocator, and no access is allowed (see {@link DebugAllocator}).
 */
final class BlockRecord {
    final long base;
    final long address;
    final long size;
    final long reservedBytes;
    final BlockKind kind;
    final long generation;
    /** The allocation's number (0, 1, ...), to list leaks in allocation order. */
    final long sequence;
    /** Where it was allocated, or null when the leak-detection level did not record it. */
    final AllocationSite site;
    /** The scope of the segment handed out by {@code allocate}, or null on the address path. */
    final Arena scope;

    /** Where it was freed (recorded when its allocation site was), or null. */
    AllocationSite freeSite;
    /** The generation a reset released it in, or -1 if it was freed one by one. */
    long resetInGeneration = -1;

    BlockRecord(long base, long address, long size, long reservedBytes, BlockKind kind, long generation,
                long sequence, AllocationSite site, Arena scope) {
        this.base = base;
        this.address = address;
        this.size = size;
        this.reservedBytes = reservedBytes;
        this.kind = kind;
        this.generation = generation;
        this.sequence = sequence;
        this.site = site;
        this.scope = scope;
    }

    /** The bytes registered while live: the registry refuses empty ranges. */
    long registeredBytes() {
        return Math.max(size, 1);
    }

    String describe() {
        return "block 0x" + Long.toHexString(address) + " (" + size + " bytes, " + kind + ", generation " + generation + ")";
    }
}
