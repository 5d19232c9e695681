package dev.arbor.collections.node;

import dev.arbor.api.heap.RoutingHeap;
import java.util.Arrays;

/**
 * What one operation on native nodes allocated and what it replaced, so that it can be undone or
 * completed (the operation registers of the vector and the tries extend it).
 *
 * <ul>
 *   <li><b>New blocks</b>: every native block the operation allocated. If the operation fails
 *       half-way (an allocation is refused), {@link #rollback()} frees them, newest first, and
 *       the value or transient is as before the call. That is enough because path copying
 *       allocates every new node before it writes anything in place: the nodes a transient owns
 *       form a connected region from the root, so the in-place writes happen on the way back up,
 *       after the last allocation.</li>
 *   <li><b>Retired blocks</b>: native nodes owned by a transient that the operation replaced.
 *       They are freed by {@link #commit()}, once the operation cannot fail any more, through
 *       {@link RoutingHeap#freeAddress} (to the allocator that owns them, whatever is current).</li>
 * </ul>
 * Managed nodes are never logged: the JVM's collector reclaims them. Not thread-safe (one
 * register per operation or per transient).
 */
public abstract class NodeLog {
    private long[] fresh;
    private int freshCount;
    private long[] retired;
    private int retiredCount;

    /** Records a block this operation allocated. */
    public final void allocated(long address, long bytes) {
        long[] f = fresh;
        if (f == null) {
            f = fresh = new long[16];
        } else if (freshCount + 2 > f.length) {
            f = fresh = Arrays.copyOf(f, f.length * 2);
        }
        f[freshCount++] = address;
        f[freshCount++] = bytes;
    }

    /** Records an owned block this operation replaced; freed at {@link #commit()}. */
    public final void retire(long address, long bytes) {
        long[] r = retired;
        if (r == null) {
            r = retired = new long[16];
        } else if (retiredCount + 2 > r.length) {
            r = retired = Arrays.copyOf(r, r.length * 2);
        }
        r[retiredCount++] = address;
        r[retiredCount++] = bytes;
    }

    /** Whether this operation allocated the block at {@code address} (a short linear scan). */
    public final boolean isFresh(long address) {
        long[] f = fresh;
        for (int i = freshCount - 2; i >= 0; i -= 2) {
            if (f[i] == address) {
                return true;
            }
        }
        return false;
    }

    /** Starts an operation: forgets what an earlier one logged. */
    public final void begin() {
        freshCount = 0;
        retiredCount = 0;
    }

    /** The operation succeeded: its new blocks are part of the result; its retired blocks are freed. */
    public final void commit() {
        freshCount = 0;
        int n = retiredCount;
        if (n == 0) {
            return;
        }
        retiredCount = 0;
        long[] r = retired;
        for (int i = 0; i < n; i += 2) {
            RoutingHeap.freeAddress(r[i], r[i + 1]);
        }
    }

    /**
     * The operation failed: frees its new blocks, newest first (an arena then rolls its bump
     * pointer back), and keeps the retired ones, which are still in use. A free that fails is
     * added to {@code cause} as suppressed, and the other blocks are still freed.
     */
    public final void rollback(Throwable cause) {
        int n = freshCount;
        freshCount = 0;
        retiredCount = 0;
        long[] f = fresh;
        for (int i = n - 2; i >= 0; i -= 2) {
            try {
                RoutingHeap.freeAddress(f[i], f[i + 1]);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
