package dev.arbor.collections;

import dev.arbor.api.Allocator;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.node.CopierAccess;
import dev.arbor.collections.node.CopyMemos;
import dev.arbor.collections.vector.PersistentVector;

/**
 * Copies collection values into one allocator, or out to the managed heap, preserving sharing
 * across every value it copies: a node that several values share is copied once, and the copies
 * share the copy.
 *
 * <pre>{@code
 * PersistentVector<Long> a;
 * PersistentVector<Long> b;
 * try (AllocatorScope s = CurrentAllocator.use(arena)) {
 *     PersistentVector<Long> base = ...;    // built in the arena
 *     a = base.appendLong(1);               // a and b share most of base's nodes
 *     b = base.withLong(0, -1);
 *     Copier out = Copier.toHeap();
 *     a = out.copy(a);                      // managed nodes now; elements are shared
 *     b = out.copy(b);                      // reuses the copies of the nodes b shares with a
 * }
 * arena.reset();                            // a and b are still valid, and still share
 * }</pre>
 *
 * <p>Only native nodes owned by the source value's allocator are copied; managed nodes the value
 * shares (its elements, managed subtrees) are shared by the copy, not copied. A value whose
 * nodes are already in the target's memory, or a managed value, is returned as is.
 *
 * <p>Not thread-safe: one copier per thread. If a copy fails (the target refuses an allocation),
 * the nodes it had allocated are freed and the copier refuses further use (its memo would name
 * freed nodes): make a new one. A copier reused after its target's reset copies again into the
 * new generation; after the target's close, a copy throws {@link IllegalStateException}.
 */
public final class Copier {
    static {
        CopierAccess.setMemos(copier -> copier.memos);
    }

    private final NativeAllocator target;
    private final CopyMemos memos = new CopyMemos();

    private Copier(NativeAllocator target) {
        this.target = target;
    }

    /**
     * A copier into {@code target}: a native allocator (its nodes are allocated from it directly,
     * whatever is current), or {@code null} or a managed allocator for the managed heap.
     *
     * @param target the allocator copies go to, or {@code null} for the managed heap
     * @return a new copier with no copies yet
     */
    public static Copier to(Allocator target) {
        return new Copier(target instanceof NativeAllocator n ? n : null);
    }

    /** {@return a new copier to the managed heap: the copies are ordinary JVM objects and survive any reset} */
    public static Copier toHeap() {
        return new Copier(null);
    }

    /** {@return the native allocator copies go to, or {@code null} for the managed heap} */
    public Allocator target() {
        return target;
    }

    /**
     * {@code vector} copied (see the class comment).
     *
     * @param <E>    the element type
     * @param vector the vector to copy
     * @return the copy, or {@code vector} itself if its nodes are already in the target's memory or managed
     * @throws IllegalStateException if {@code vector}'s allocator was reset or closed, the target is closed, or an
     *                               earlier copy of this copier failed
     * @throws dev.arbor.api.AllocationFailedException if the target refuses memory (nothing is left allocated)
     */
    public <E> PersistentVector<E> copy(PersistentVector<E> vector) {
        return vector.copyTo(this);
    }

    /**
     * {@code map} copied (see the class comment).
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param map the map to copy
     * @return the copy, or {@code map} itself if its nodes are already in the target's memory or managed
     * @throws IllegalStateException if {@code map}'s allocator was reset or closed, the target is closed, or an
     *                               earlier copy of this copier failed
     * @throws dev.arbor.api.AllocationFailedException if the target refuses memory (nothing is left allocated)
     */
    public <K, V> PersistentMap<K, V> copy(PersistentMap<K, V> map) {
        return map.copyTo(this);
    }

    /**
     * {@code set} copied (see the class comment).
     *
     * @param <E> the element type
     * @param set the set to copy
     * @return the copy, or {@code set} itself if its nodes are already in the target's memory or managed
     * @throws IllegalStateException if {@code set}'s allocator was reset or closed, the target is closed, or an
     *                               earlier copy of this copier failed
     * @throws dev.arbor.api.AllocationFailedException if the target refuses memory (nothing is left allocated)
     */
    public <E> PersistentSet<E> copy(PersistentSet<E> set) {
        return set.copyTo(this);
    }

    @Override
    public String toString() {
        return "Copier[to " + (target == null ? "the managed heap" : "'" + target.name() + "'") + ", " + memos.size()
                + " nodes copied]";
    }
}
