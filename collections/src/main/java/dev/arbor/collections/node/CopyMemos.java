package dev.arbor.collections.node;

import dev.arbor.api.Allocator;
import dev.arbor.api.memory.NativeMemory;
import java.util.IdentityHashMap;

/**
 * What a {@link dev.arbor.collections.Copier} remembers: per source memory, which copy each native
 * node got. A memo never outlives either generation: after the source's reset its addresses are
 * reused, after the target's its copies are gone. Not thread-safe, as the copier is not.
 */
public final class CopyMemos {
    /** The memo of one source allocator's memory in one generation. */
    private record Source(NativeMemory.Window memory, NodeMemo memo) {
    }

    /** Keyed by the source's root table: an allocator and the decorators in front of it share one. */
    private final IdentityHashMap<Object, Source> sources = new IdentityHashMap<>();
    /** The target generation the copies live in ({@code null}: the managed heap, or none yet). */
    private NativeMemory.Window targetMemory;
    private boolean broken;

    /**
     * The memo of the nodes copied so far from {@code source}'s memory {@code sourceMemory} into
     * {@code targetMemory} (the window the copy writes through, {@code null} for the managed heap).
     * A new target window empties every memo.
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

    /** A copy failed, so the memos can no longer be trusted. */
    public void markBroken() {
        broken = true;
    }

    /** How many nodes the memos hold. */
    public int size() {
        return sources.values().stream().mapToInt(s -> s.memo().size()).sum();
    }
}
