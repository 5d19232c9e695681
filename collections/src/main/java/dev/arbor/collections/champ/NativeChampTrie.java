package dev.arbor.collections.champ;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.roots.RootTable;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.Edit;
import dev.arbor.collections.node.NativeNodes;

/**
 * The native node format of CHAMP: a node is one block of one native allocator, addressed by raw
 * {@code long} (the {@code Object} half of a node reference is {@code null}); no JVM object per
 * node. Every access goes through {@link NativeMemory}.
 *
 * <pre>
 * node: 8 * (2 + entries * wordsPerEntry + children) bytes
 *   [0]   header: nodeMap &lt;&lt; 32 | dataMap    (collision node: count &lt;&lt; 32 | hash)
 *   [1]   owner: edit id of the transient that may mutate it in place, 0 = none
 *   [2..] per entry: key word, key handle (reference keys), then value word (maps only)
 *           key word: the key (inline codecs) or the hash of a reference key
 *           key handle, and a reference value's word: a root handle, 0 = null
 *   ...   children in order: child word 0 none | native address | root handle &lt;&lt; 1 | 1 (a managed node)
 *
 * kind: REFS if entries hold root handles (object keys or values), or the node has children and
 *       the value may hold managed subtrees; else NOREFS (a long -> long node of this allocator)
 * </pre>
 * The node's size follows from its header and depth, so the algorithms pass it when a node is
 * freed. The empty root is the managed format's shared constant.
 *
 * <p>A native value's trie may also contain managed nodes: the empty root, and the subtrees of a
 * managed value that was updated under this allocator (shared, not copied). Every accessor
 * handles both: a non-null {@code Object} half is a managed node. Managed nodes are never owned
 * here (a transient copies them before editing), so no managed node points to a native one.
 *
 * <p>One instance per value lineage: it records the allocator and the generation the nodes
 * belong to, so a use after a reset or close is refused ({@link #checkLive}).
 */
final class NativeChampTrie extends ChampTrie {
    private static final long HEADER_BYTES = 16;

    private final ManagedChampTrie managed;
    private final NativeAllocator allocator;
    private final long generation;
    /** The memory of {@link #generation}: every node access goes through it (see {@link #checkLive}). */
    private final NativeMemory.Window memory;
    private final RootTable roots;
    private final boolean mixed;
    private final int wordsPerEntry;
    /** Offset of the value word in an entry, in bytes. */
    private final long valueOffset;
    private final boolean refEntries;

    /**
     * A format allocating from {@code allocator} (the current one), in its current generation.
     *
     * @param valueCodec {@code null} for sets
     * @param mixed      whether the value may already hold managed subtrees
     */
    NativeChampTrie(Codec<?> keyCodec, Codec<?> valueCodec, NativeAllocator allocator, boolean mixed) {
        // The window first: a reset between the two reads leaves a value that refuses every use.
        this(keyCodec, valueCodec, allocator, mixed, allocator.accessWindow(), allocator.generation());
    }

    /**
     * A format for nodes that already live in {@code memory}: a value derived from another keeps
     * reading the nodes it shares through the window they were allocated in, never a later one.
     */
    private NativeChampTrie(Codec<?> keyCodec, Codec<?> valueCodec, NativeAllocator allocator, boolean mixed,
                            NativeMemory.Window memory, long generation) {
        super(keyCodec, valueCodec);
        this.managed = ManagedChampTrie.of(keyCodec, valueCodec);
        this.allocator = allocator;
        this.generation = generation;
        this.memory = memory;
        this.roots = allocator.roots();
        if (roots == null) {
            throw new IllegalStateException("native allocator '" + allocator.name()
                    + "' has no root table (roots() returned null); native collection nodes need one to refer to JVM objects");
        }
        this.mixed = mixed;
        int keyWords = keyInline ? 1 : 2;
        this.wordsPerEntry = keyWords + (hasValues ? 1 : 0);
        this.valueOffset = 8L * keyWords;
        this.refEntries = !keyInline || hasValues && !valInline;
    }

    // ---- format and lifetime ----

    @Override
    ChampTrie forUpdate(boolean emptyValue, String what) {
        checkLive(what);
        Allocator current = CurrentAllocator.get();
        if (current == allocator) {
            return this;
        }
        if (current instanceof NativeAllocator sharing && NativeNodes.sameMemory(allocator, sharing)) {
            return new NativeChampTrie(keyCodec, valueCodec, sharing, mixed, memory, generation);
        }
        throw NativeNodes.notCurrent(allocator, current, what);
    }

    @Override
    ChampTrie forTransient(boolean emptyValue, String what) {
        checkLive(what);
        Allocator current = CurrentAllocator.get();
        if (current == allocator) {
            return this;
        }
        if (current instanceof NativeAllocator sharing && NativeNodes.sameMemory(allocator, sharing)) {
            return new NativeChampTrie(keyCodec, valueCodec, sharing, mixed, memory, generation);
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
    ChampTrie withManagedSubtrees() {
        return mixed ? this : new NativeChampTrie(keyCodec, valueCodec, allocator, true, memory, generation);
    }

    @Override
    void retire(Op op, Object n, long a, int da, int na) {
        if (n != null || a == 0) {
            return;
        }
        if (op.edit != null && memory.getLong(a + 8) == op.edit.id() || op.isFresh(a)) {
            op.retire(a, bytes(da, na));
        }
    }

    // ---- layout ----

    private long bytes(int da, int na) {
        return HEADER_BYTES + 8L * (da * wordsPerEntry + na);
    }

    private long entrySlot(long a, int i) {
        return a + HEADER_BYTES + 8L * i * wordsPerEntry;
    }

    private long childSlot(long a, int da, int ci) {
        return a + HEADER_BYTES + 8L * (da * wordsPerEntry + ci);
    }

    private long handle(Object o) {
        return o == null ? 0 : roots.register(o);
    }

    private Object resolve(long handle) {
        return handle == 0 ? null : root(handle);
    }

    private long childWord(Object c, long ca) {
        return c != null ? NativeNodes.tagHandle(roots.register(c)) : ca;
    }

    // ---- node access ----

    @Override
    Object keyRef(Object n, long a, int i) {
        return n != null ? managed.keyRef(n, a, i) : resolve(memory.getLong(entrySlot(a, i) + 8));
    }

    @Override
    Object valRef(Object n, long a, int i) {
        return n != null ? managed.valRef(n, a, i) : resolve(memory.getLong(entrySlot(a, i) + valueOffset));
    }

    @Override
    Object child(Object n, long a, int da, int ci) {
        if (n != null) {
            return managed.child(n, a, da, ci);
        }
        long w = memory.getLong(childSlot(a, da, ci));
        return NativeNodes.isHandle(w) ? root(NativeNodes.handleOf(w)) : null;
    }

    @Override
    Object words(Object n, long a) {
        return n != null ? managed.words(n, a) : null;
    }

    @Override
    Object childWords(Object n, long a, int da, int ci, Object c, long ca) {
        if (n != null) {
            return managed.childWords(n, a, da, ci, c, ca);
        }
        return c != null ? managed.words(c, 0) : null;
    }

    @Override
    long headerIn(Object w, long a) {
        return w != null ? managed.headerIn(w, a) : memory.getLong(a);
    }

    @Override
    long keyWordIn(Object w, long a, int i) {
        return w != null ? managed.keyWordIn(w, a, i) : memory.getLong(entrySlot(a, i));
    }

    @Override
    long valWordIn(Object w, long a, int i) {
        return w != null ? managed.valWordIn(w, a, i) : memory.getLong(entrySlot(a, i) + valueOffset);
    }

    @Override
    long childAddr(Object n, long a, int da, int ci) {
        if (n != null) {
            return 0;
        }
        long w = memory.getLong(childSlot(a, da, ci));
        return NativeNodes.isHandle(w) ? 0 : w;
    }

    @Override
    boolean owned(Object n, long a, Edit edit) {
        return n == null && memory.getLong(a + 8) == edit.id();
    }

    @Override
    void setValue(Object n, long a, int i, long vw, Object vr) {
        requireNative(n);
        memory.putLong(entrySlot(a, i) + valueOffset, valInline ? vw : handle(vr));
    }

    @Override
    void setChild(Object n, long a, int da, int ci, Object c, long ca) {
        requireNative(n);
        memory.putLong(childSlot(a, da, ci), childWord(c, ca));
    }

    /** Only nodes made by this format (native) are written; managed nodes are never edited here. */
    private static void requireNative(Object n) {
        if (n != null) {
            throw new IllegalStateException("internal error: a managed CHAMP node would be edited by the native format");
        }
    }

    @Override
    void visitWords(Object n, long a, int da, LongLongConsumer action, String what) {
        for (int i = 0; i < da; i++) {
            action.accept(keyWord(n, a, i), hasValues ? valWord(n, a, i) : 0);
            // The action may have reset or closed the allocator: never read on after that. The
            // thread cannot have changed since the walk's own check.
            NativeNodes.checkGeneration(allocator, generation, what);
        }
    }

    @Override
    void empty(Op out) {
        managed.empty(out);
    }

    private long make(Op op, int da, int na, long header, Edit edit) {
        long bytes = bytes(da, na);
        BlockKind kind = refEntries || na > 0 && mixed ? BlockKind.REFS : BlockKind.NOREFS;
        long m = allocator.allocateAddress(bytes, 8, kind);
        op.allocated(m, bytes);
        memory.putLong(m, header);
        memory.putLong(m + 8, edit == null ? 0 : edit.id());
        return m;
    }

    private void copyEntries(Object src, long sa, int from, long dst, int to, int count) {
        if (count <= 0) {
            return;
        }
        if (src == null) {
            memory.copy(entrySlot(sa, from), entrySlot(dst, to), 8L * count * wordsPerEntry);
            return;
        }
        for (int k = 0; k < count; k++) {
            putEntry(dst, to + k, keyWord(src, sa, from + k), kr(src, sa, from + k), vw(src, sa, from + k), vr(src, sa, from + k));
        }
    }

    private void copyChildren(Object src, long sa, int srcDa, int from, long dst, int dstDa, int to, int count) {
        if (count <= 0) {
            return;
        }
        if (src == null) {
            memory.copy(childSlot(sa, srcDa, from), childSlot(dst, dstDa, to), 8L * count);
            return;
        }
        for (int k = 0; k < count; k++) {
            memory.putLong(childSlot(dst, dstDa, to + k), childWord(managed.child(src, sa, srcDa, from + k), 0));
        }
    }

    private void putEntry(long dst, int i, long kw, Object kr, long vw, Object vr) {
        long slot = entrySlot(dst, i);
        memory.putLong(slot, kw);
        if (!keyInline) {
            memory.putLong(slot + 8, handle(kr));
        }
        if (hasValues) {
            memory.putLong(slot + valueOffset, valInline ? vw : handle(vr));
        }
    }

    @Override
    void newNode(Op out, long header, int da, int na, Edit edit) {
        long m = make(out, da, na, header, edit);
        if (na > 0 || da > 0) {
            NativeNodes.zero(memory, m + HEADER_BYTES, (long) da * wordsPerEntry + na);
        }
        out.set(null, m);
    }

    @Override
    void copy(Op out, Object n, long a, int da, int na, Edit edit) {
        long m = make(out, da, na, header(n, a), edit);
        copyEntries(n, a, 0, m, 0, da);
        copyChildren(n, a, da, 0, m, da, 0, na);
        out.set(null, m);
    }

    @Override
    void insertEntry(Op out, Object n, long a, int da, int na, long header, int i,
                     long kw, Object kr, long vw, Object vr, Edit edit) {
        long m = make(out, da + 1, na, header, edit);
        copyEntries(n, a, 0, m, 0, i);
        putEntry(m, i, kw, kr, vw, vr);
        copyEntries(n, a, i, m, i + 1, da - i);
        copyChildren(n, a, da, 0, m, da + 1, 0, na);
        out.set(null, m);
    }

    @Override
    void removeEntry(Op out, Object n, long a, int da, int na, long header, int i, Edit edit) {
        long m = make(out, da - 1, na, header, edit);
        copyEntries(n, a, 0, m, 0, i);
        copyEntries(n, a, i + 1, m, i, da - i - 1);
        copyChildren(n, a, da, 0, m, da - 1, 0, na);
        out.set(null, m);
    }

    @Override
    void entryToChild(Op out, Object n, long a, int da, int na, long header, int di, int ci,
                      Object c, long ca, Edit edit) {
        long m = make(out, da - 1, na + 1, header, edit);
        copyEntries(n, a, 0, m, 0, di);
        copyEntries(n, a, di + 1, m, di, da - di - 1);
        copyChildren(n, a, da, 0, m, da - 1, 0, ci);
        memory.putLong(childSlot(m, da - 1, ci), childWord(c, ca));
        copyChildren(n, a, da, ci, m, da - 1, ci + 1, na - ci);
        out.set(null, m);
    }

    @Override
    void childToEntry(Op out, Object n, long a, int da, int na, long header, int ci, int di,
                      long kw, Object kr, long vw, Object vr, Edit edit) {
        long m = make(out, da + 1, na - 1, header, edit);
        copyEntries(n, a, 0, m, 0, di);
        putEntry(m, di, kw, kr, vw, vr);
        copyEntries(n, a, di, m, di + 1, da - di);
        copyChildren(n, a, da, 0, m, da + 1, 0, ci);
        copyChildren(n, a, da, ci + 1, m, da + 1, ci, na - ci - 1);
        out.set(null, m);
    }

    @Override
    void newEntries2(Op out, long header, long kw0, Object kr0, long vw0, Object vr0,
                     long kw1, Object kr1, long vw1, Object vr1, Edit edit) {
        long m = make(out, 2, 0, header, edit);
        putEntry(m, 0, kw0, kr0, vw0, vr0);
        putEntry(m, 1, kw1, kr1, vw1, vr1);
        out.set(null, m);
    }

    @Override
    void newChild1(Op out, long header, Object c, long ca, Edit edit) {
        long m = make(out, 0, 1, header, edit);
        memory.putLong(childSlot(m, 0, 0), childWord(c, ca));
        out.set(null, m);
    }

    @Override
    void newEntries(Op out, long header, int count, Edit edit) {
        newNode(out, header, count, 0, edit);
    }

    @Override
    void setEntry(Object n, long a, int i, long kw, Object kr, long vw, Object vr) {
        requireNative(n);
        putEntry(a, i, kw, kr, vw, vr);
    }

    @Override
    public String toString() {
        return "NativeChampTrie[" + keyCodec.name() + (hasValues ? " -> " + valueCodec.name() : "") + ", allocator '"
                + allocator.name() + "', generation " + generation + "]";
    }
}
