package dev.arbor.collections.vector;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeHeap;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.roots.RootTable;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.node.Edit;
import dev.arbor.collections.node.NativeNodes;
import java.util.function.LongConsumer;

/**
 * The native node format of the vector: nodes are blocks of one native allocator, addressed by
 * raw {@code long} (the {@code Object} half of a node reference is {@code null}); no JVM object
 * per node. Every access goes through {@link NativeMemory}.
 *
 * <pre>
 * header word (every node)
 *   bits 0..7    slots: 32 for a branch, the element capacity for a leaf (so a node's size is
 *                known when it is freed: 8 + 8 * slots bytes)
 *   bits 8..63   owner: edit id of the transient that may mutate it in place, 0 = none
 *
 * branch       8 + 8 * 32 bytes    NOREFS, or REFS if the value may hold managed subtrees
 *   [0]        header
 *   [1..32]    child words: 0 none | native address | root handle &lt;&lt; 1 | 1 (a managed node)
 *
 * leaf of words         8 + 8 * capacity    NOREFS    inline codecs (long, int, double)
 *   [0] header, [1..]   elements as words
 *
 * leaf of references    8 + 8 * capacity    REFS      Codec.object()
 *   [0] header, [1..]   root handles of the elements, 0 = null
 * </pre>
 *
 * <p>A native value's trie may also contain managed nodes: the shared empty constants, and the
 * subtrees of a managed value that was updated under this allocator (shared, not copied). Every
 * accessor handles both: a non-null {@code Object} half is a managed node. Managed nodes are
 * never owned here (a transient copies them into native memory before editing them), so no
 * managed node ever points to a native one.
 *
 * <p>One instance per value lineage: it records the allocator and the generation the nodes
 * belong to, so a use after a reset or close is refused ({@link #checkLive}).
 */
final class NativeVectorTrie extends VectorTrie {
    private static final long HEADER_BYTES = 8;
    private static final long BRANCH_BYTES = HEADER_BYTES + 8L * WIDTH;
    private static final int SLOT_BITS = 8;

    private final ManagedVectorTrie managed;
    private final NativeAllocator allocator;
    private final long generation;
    /** The memory of {@link #generation}: every node access goes through it (see {@link #checkLive}). */
    private final NativeMemory.Window memory;
    private final RootTable roots;
    private final boolean mixed;
    private final BlockKind branchKind;

    /**
     * A format allocating from {@code allocator} (the current one), in its current generation.
     *
     * @param mixed whether the value may already hold managed subtrees
     */
    NativeVectorTrie(boolean inline, NativeAllocator allocator, boolean mixed) {
        // The window first: a reset between the two reads leaves a value that refuses every use.
        this(inline, allocator, mixed, allocator.accessWindow(), allocator.generation());
    }

    /**
     * A format for nodes that already live in {@code memory}: a value derived from another keeps
     * reading the nodes it shares through the window they were allocated in, never a later one.
     */
    private NativeVectorTrie(boolean inline, NativeAllocator allocator, boolean mixed, NativeMemory.Window memory, long generation) {
        super(inline);
        this.managed = ManagedVectorTrie.of(inline);
        this.allocator = allocator;
        this.generation = generation;
        this.memory = memory;
        this.roots = allocator.roots();
        if (roots == null) {
            throw new IllegalStateException("native allocator '" + allocator.name()
                    + "' has no root table (roots() returned null); native collection nodes need one to refer to JVM objects");
        }
        this.mixed = mixed;
        this.branchKind = mixed ? BlockKind.REFS : BlockKind.NOREFS;
    }

    // ---- format and lifetime ----

    @Override
    VectorTrie forUpdate(boolean emptyValue, String what) {
        checkLive(what);
        Allocator current = CurrentAllocator.get();
        if (current == allocator) {
            return this;
        }
        if (current instanceof NativeAllocator sharing && NativeNodes.sameMemory(allocator, sharing)) {
            return new NativeVectorTrie(inline, sharing, mixed, memory, generation);
        }
        throw NativeNodes.notCurrent(allocator, current, what);
    }

    @Override
    boolean sharableHere() {
        return NativeNodes.sameMemory(allocator, CurrentAllocator.get());
    }

    @Override
    VectorTrie forTransient(boolean emptyValue, String what) {
        checkLive(what);
        Allocator current = CurrentAllocator.get();
        if (current == allocator) {
            return this;
        }
        if (current instanceof NativeAllocator sharing && NativeNodes.sameMemory(allocator, sharing)) {
            return new NativeVectorTrie(inline, sharing, mixed, memory, generation);
        }
        throw NativeNodes.transientNotCurrent(allocator, current, what);
    }

    @Override
    void checkLive(String what) {
        // The window makes a race with a reset on another thread safe; these give the clear message.
        NativeNodes.checkGeneration(allocator, generation, what);
        if (!memory.isAccessibleHere()) {
            throw NativeNodes.wrongThread(allocator, memory, what);
        }
    }

    private Object root(long handle) {
        return NativeNodes.resolveRoot(roots, handle, memory, allocator, generation);
    }

    @Override
    NativeAllocator allocator() {
        return allocator;
    }

    @Override
    NativeMemory.Window memory() {
        return memory;
    }

    @Override
    boolean mixed() {
        return mixed;
    }

    @Override
    void retire(Ref log, Object n, long a, Edit edit) {
        if (n != null || a == 0) {
            return;
        }
        long h = memory.getLong(a);
        if (edit != null && (h >>> SLOT_BITS) == edit.id() || log.isFresh(a)) {
            log.retire(a, HEADER_BYTES + 8L * (h & 0xFF));
        }
    }

    @Override
    int leafCapacity(Object leaf, long a) {
        return leaf != null ? managed.leafCapacity(leaf, a) : (int) (memory.getLong(a) & 0xFF);
    }

    // ---- node access ----

    private static long slot(long a, int i) {
        return a + HEADER_BYTES + 8L * i;
    }

    private static long header(Edit edit, int slots) {
        return (edit == null ? 0 : edit.id() << SLOT_BITS) | slots;
    }

    private long allocate(Ref log, long bytes, BlockKind kind) {
        long a = allocator.allocateAddress(bytes, 8, kind);
        log.allocated(a, bytes);
        return a;
    }

    @Override
    Object child(Object n, long a, int i) {
        if (n != null) {
            return managed.child(n, a, i);
        }
        long w = memory.getLong(slot(a, i));
        return NativeNodes.isHandle(w) ? root(NativeNodes.handleOf(w)) : null;
    }

    @Override
    long childAddr(Object n, long a, int i) {
        if (n != null) {
            return 0;
        }
        long w = memory.getLong(slot(a, i));
        return NativeNodes.isHandle(w) ? 0 : w;
    }

    @Override
    boolean isNull(Object n, long a) {
        return n == null && a == 0;
    }

    @Override
    long word(Object leaf, long a, int i) {
        return leaf != null ? managed.word(leaf, a, i) : memory.getLong(slot(a, i));
    }

    @Override
    void visitWords(Object leaf, long a, int from, int to, LongConsumer action, String what) {
        for (int i = from; i < to; i++) {
            action.accept(word(leaf, a, i));
            // The action may have reset or closed the allocator: never read on after that. The
            // thread cannot have changed since the walk's own check.
            NativeNodes.checkGeneration(allocator, generation, what);
        }
    }

    @Override
    Object ref(Object leaf, long a, int i) {
        if (leaf != null) {
            return managed.ref(leaf, a, i);
        }
        long h = memory.getLong(slot(a, i));
        return h == 0 ? null : root(h);
    }

    @Override
    boolean owned(Object n, long a, Edit edit) {
        return n == null && (memory.getLong(a) >>> SLOT_BITS) == edit.id();
    }

    @Override
    void emptyRoot(Ref out) {
        managed.emptyRoot(out);
    }

    @Override
    void emptyTail(Ref out) {
        managed.emptyTail(out);
    }

    @Override
    void newBranch(Ref out, Edit edit) {
        long b = allocate(out, BRANCH_BYTES, branchKind);
        memory.putLong(b, header(edit, WIDTH));
        NativeNodes.zero(memory, b + HEADER_BYTES, WIDTH);
        out.set(null, b);
    }

    @Override
    void copyBranch(Ref out, Object n, long a, Edit edit) {
        if (n != null) {
            newBranch(out, edit);
            long b = out.addr;
            for (int i = 0; i < WIDTH; i++) {
                setChild(null, b, i, managed.child(n, a, i), 0);
            }
            return;
        }
        long b = allocate(out, BRANCH_BYTES, branchKind);
        memory.copy(a + HEADER_BYTES, b + HEADER_BYTES, BRANCH_BYTES - HEADER_BYTES);
        memory.putLong(b, header(edit, WIDTH));
        out.set(null, b);
    }

    @Override
    void setChild(Object n, long a, int i, Object c, long ca) {
        if (n != null) {
            if (c == null && ca != 0) {
                throw new IllegalStateException("internal error: a managed vector node would point to a native node");
            }
            managed.setChild(n, a, i, c, ca);
            return;
        }
        memory.putLong(slot(a, i), c != null ? NativeNodes.tagHandle(roots.register(c)) : ca);
    }

    @Override
    void discardNewLeaf(Object leaf, long a, int capacity, Throwable cause) {
        if (leaf != null || a == 0) {
            return; // not made (the allocation failed), or managed: the collector reclaims it
        }
        try {
            NativeHeap.freeAddress(a, HEADER_BYTES + 8L * capacity);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    void newLeaf(Ref out, int capacity, Edit edit) {
        long bytes = HEADER_BYTES + 8L * capacity;
        long b = allocate(out, bytes, inline ? BlockKind.NOREFS : BlockKind.REFS);
        memory.putLong(b, header(edit, capacity));
        if (capacity > 0) {
            NativeNodes.zero(memory, b + HEADER_BYTES, capacity);
        }
        out.set(null, b);
    }

    @Override
    void copyLeaf(Ref out, Object n, long a, int count, int capacity, Edit edit) {
        long bytes = HEADER_BYTES + 8L * capacity;
        long b = allocate(out, bytes, inline ? BlockKind.NOREFS : BlockKind.REFS);
        memory.putLong(b, header(edit, capacity));
        if (capacity > count) {
            NativeNodes.zero(memory, slot(b, count), capacity - count);
        }
        out.set(null, b);
        if (n == null) {
            // Same allocator: words and root handles are copied as they are.
            if (count > 0) {
                memory.copy(slot(a, 0), slot(b, 0), 8L * count);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            if (inline) {
                memory.putLong(slot(b, i), managed.word(n, a, i));
            } else {
                setRef(null, b, i, managed.ref(n, a, i));
            }
        }
    }

    @Override
    void setWord(Object leaf, long a, int i, long w) {
        if (leaf != null) {
            managed.setWord(leaf, a, i, w);
        } else {
            memory.putLong(slot(a, i), w);
        }
    }

    @Override
    void setRef(Object leaf, long a, int i, Object r) {
        if (leaf != null) {
            managed.setRef(leaf, a, i, r);
        } else {
            memory.putLong(slot(a, i), r == null ? 0 : roots.register(r));
        }
    }

    @Override
    public String toString() {
        return "NativeVectorTrie[" + (inline ? "words" : "references") + ", allocator '" + allocator.name()
                + "', generation " + generation + "]";
    }
}
