package dev.arbor.collections;

import dev.arbor.api.Allocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.node.NodeMemo;
import dev.arbor.collections.vector.PersistentVector;
import java.util.IdentityHashMap;

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
 * freed nodes): make a new one.
 */
public final class Copier {
    /** The memo of one source allocator's memory in one generation (addresses repeat after a reset). */
    private record Source(NativeMemory.Window memory, NodeMemo memo) {
    }

    private final Allocator target;
    /** Keyed by the source's root table: an allocator and the decorators in front of it share one. */
    private final IdentityHashMap<Object, Source> sources = new IdentityHashMap<>();
    /**
     * The target generation the memos' copies live in ({@code null}: the managed heap, or none
     * yet). Copies made before the target's reset or close are gone, so a new window empties every memo.
     */
    private NativeMemory.Window targetMemory;
    private boolean broken;

    private Copier(Allocator target) {
        this.target = target;
    }

    /**
     * A copier into {@code target}: a native allocator (its nodes are allocated from it directly,
     * whatever is current), or {@code null} or a managed allocator for the managed heap.
     */
    public static Copier to(Allocator target) {
        return new Copier(target != null && target.isNative() ? target : null);
    }

    /** A copier to the managed heap: the copies are ordinary JVM objects and survive any reset. */
    public static Copier toHeap() {
        return new Copier(null);
    }

    /** The native allocator copies go to, or {@code null} for the managed heap. */
    public Allocator target() {
        return target;
    }

    /** {@code vector} copied (see the class comment). */
    public <E> PersistentVector<E> copy(PersistentVector<E> vector) {
        return vector.copyTo(this);
    }

    /** {@code map} copied (see the class comment). */
    public <K, V> PersistentMap<K, V> copy(PersistentMap<K, V> map) {
        return map.copyTo(this);
    }

    /** {@code set} copied (see the class comment). */
    public <E> PersistentSet<E> copy(PersistentSet<E> set) {
        return set.copyTo(this);
    }

    /**
     * For the collections' copy code: the memo of the nodes copied so far from {@code source}'s
     * memory {@code sourceMemory} into {@code targetMemory} (the window the copy writes through,
     * {@code null} for the managed heap). A memo never outlives either generation: after the
     * source's reset its addresses are reused, after the target's its copies are gone.
     *
     * @throws IllegalStateException if an earlier copy with this copier failed
     */
    public NodeMemo memo(Allocator source, NativeMemory.Window sourceMemory, NativeMemory.Window targetMemory) {
        if (broken) {
            throw new IllegalStateException("this Copier failed during an earlier copy (an allocation was refused) and "
                    + "its memo names nodes that were freed; make a new Copier");
        }
        if (targetMemory != this.targetMemory) {
            sources.clear();
            this.targetMemory = targetMemory;
        }
        Object key = source.roots() != null ? source.roots() : source;
        Source s = sources.get(key);
        if (s == null || s.memory() != sourceMemory) {
            s = new Source(sourceMemory, new NodeMemo());
            sources.put(key, s);
        }
        return s.memo();
    }

    /** For the collections' copy code: a copy failed, so the memo can no longer be trusted. */
    public void markBroken() {
        broken = true;
    }

    @Override
    public String toString() {
        int copied = sources.values().stream().mapToInt(x -> x.memo().size()).sum();
        return "Copier[to " + (target == null ? "the managed heap" : "'" + target.name() + "'") + ", " + copied
                + " nodes copied]";
    }
}
