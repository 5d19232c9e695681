package dev.arbor.collections.node;

import dev.arbor.api.memory.NativeHeap;

/**
 * What one operation on native nodes allocated and what it replaced, so that it can be undone or
 * completed (the operation registers of the vector and the tries extend it).
 *
 * <ul>
 *   <li><b>New blocks</b>: every native block the operation allocated. If the operation fails
 *       half-way (an allocation is refused), {@link #rollback(Throwable)} frees them, newest first, and
 *       the value or transient is as before the call. That is enough because path copying
 *       allocates every new node before it writes anything in place: the nodes a transient owns
 *       form a connected region from the root, so the in-place writes happen on the way back up,
 *       after the last allocation.</li>
 *   <li><b>Retired blocks</b>: native nodes owned by a transient that the operation replaced.
 *       They are freed by {@link #commit()}, once the operation cannot fail any more, through
 *       {@link NativeHeap#freeAddress} (to the allocator that owns them, whatever is current).</li>
 * </ul>
 * Managed nodes are never logged: the JVM's collector reclaims them. Not thread-safe (one
 * register per operation or per transient).
 */
public abstract class NodeLog {
    // Made at the first native block: managed operations never log, and every persistent update
    // makes a register of its own, whose two empty lists were a fifth of a managed update's bytes.
    private BlockList fresh;
    private BlockList retired;

    /** Records a block this operation allocated. */
    public final void allocated(long address, long bytes) {
        if (fresh == null) {
            fresh = new BlockList();
        }
        fresh.add(address, bytes);
    }

    /** Records an owned block this operation replaced; freed at {@link #commit()}. */
    public final void retire(long address, long bytes) {
        if (retired == null) {
            retired = new BlockList();
        }
        retired.add(address, bytes);
    }

    /** Whether this operation allocated the block at {@code address}. */
    public final boolean isFresh(long address) {
        return fresh != null && fresh.contains(address);
    }

    /** Starts an operation: forgets what an earlier one logged. */
    public final void begin() {
        if (fresh != null) {
            fresh.clear();
        }
        if (retired != null) {
            retired.clear();
        }
    }

    /** The operation succeeded: its new blocks are part of the result; its retired blocks are freed. */
    public final void commit() {
        if (fresh != null) {
            fresh.clear();
        }
        if (retired == null || retired.isEmpty()) {
            return;
        }
        retired.drainNewestFirst(NativeHeap::freeAddress);
    }

    /**
     * The operation failed: frees its new blocks, newest first, and keeps the retired ones, which
     * are still in use. A free that fails is
     * added to {@code cause} as suppressed, and the other blocks are still freed.
     */
    public final void rollback(Throwable cause) {
        if (retired != null) {
            retired.clear();
        }
        if (fresh == null) {
            return;
        }
        fresh.drainNewestFirst((address, bytes) -> {
            try {
                NativeHeap.freeAddress(address, bytes);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        });
    }
}
