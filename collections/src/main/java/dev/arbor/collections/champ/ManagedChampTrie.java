package dev.arbor.collections.champ;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.Edit;
import dev.arbor.collections.node.ManagedBlocks;
import java.util.Arrays;

/**
 * The managed node format of CHAMP: a node is one {@code long[]} of words, plus an
 * {@code Object[]} when it holds references. The {@code long} half of node references is unused.
 *
 * <pre>
 * words W (every node)                         long[2 + entries * wordsPerEntry]
 *   [0]  header: nodeMap &lt;&lt; 32 | dataMap    (collision node: count &lt;&lt; 32 | hash)
 *   [1]  owner edit id, 0 = none
 *   [2..] per entry: key word (the key, or a reference key's hash), then value word (inline values)
 *
 * references R (only if the node holds any)   Object[1 + entries * refsPerEntry + 2 * children]
 *   [0]  W
 *   [1..] per entry: key (reference keys), then value (reference values)
 *   ...   then children as pairs (child, the child's W): child i is R[1 + entries * refsPerEntry
 *         + 2i] and its W the slot after it, found without reading R's length (for long keys
 *         and values R[1 + 2i], whatever the entries)
 *
 * the node is R if it has children or reference entries, else W alone; a full node (32
 * children, no entries) that no transient owns has the shared W {ALL_CHILDREN, 0}
 * </pre>
 *
 * So a {@code long -> long} node without children is a single {@code long[]} of
 * {@code 16 + 8 * (2 + 2 * entries)} bytes, a NOREFS block; a node with children adds an
 * {@code Object[]} of its children. A parent keeps each child's W beside the child so that a
 * lookup reads the child's header straight from it: one dependent load per level fewer than
 * going through the child's R[0], for 4 more bytes per child (compressed references). A node with reference keys keeps each key's hash in W (8
 * bytes per entry), so lookups compare hashes before they load a key. The empty root is a shared
 * constant.
 */
final class ManagedChampTrie extends ChampTrie {
    private static final Codec<?>[] KEY_CODECS = {Codec.LONG, Codec.INT, Codec.DOUBLE, Codec.object()};
    /** [key codec][no values, inline values, reference values]. */
    private static final ManagedChampTrie[][] INSTANCES = new ManagedChampTrie[4][3];

    static {
        for (int k = 0; k < KEY_CODECS.length; k++) {
            INSTANCES[k][0] = new ManagedChampTrie(KEY_CODECS[k], null);
            INSTANCES[k][1] = new ManagedChampTrie(KEY_CODECS[k], Codec.LONG);
            INSTANCES[k][2] = new ManagedChampTrie(KEY_CODECS[k], Codec.object());
        }
    }

    /**
     * The words of every full node (32 children, no entries) that no transient owns: such a node's
     * words are only its header and a zero owner, the same for all of them, so they share this
     * array, which nothing writes. A persistent path copy of a full node then copies its
     * references alone (32 bytes less per full level), and lookups read the header of every
     * full node from one cached line.
     */
    private static final long[] FULL_UNOWNED = {ALL_CHILDREN, 0};

    private final long[] emptyNode = new long[2];
    private final int wordsPerEntry;
    private final int refsPerEntry;
    /** Offset of the value within an entry's words or references. */
    private final int valueOffset;

    private ManagedChampTrie(Codec<?> keyCodec, Codec<?> valueCodec) {
        super(keyCodec, valueCodec);
        // The key word always: the key itself, or the hash of a reference key.
        int words = 1;
        int refs = keyInline ? 0 : 1;
        if (hasValues) {
            if (valInline) {
                valueOffset = words++;
            } else {
                valueOffset = refs++;
            }
        } else {
            valueOffset = 0;
        }
        wordsPerEntry = words;
        refsPerEntry = refs;
    }

    /** The format for a key codec and a value codec ({@code null} for sets). */
    static ManagedChampTrie of(Codec<?> keyCodec, Codec<?> valueCodec) {
        int k = keyCodec == Codec.LONG ? 0 : keyCodec == Codec.INT ? 1 : keyCodec == Codec.DOUBLE ? 2 : 3;
        int v = valueCodec == null ? 0 : valueCodec.isInline() ? 1 : 2;
        return INSTANCES[k][v];
    }

    /**
     * Managed nodes may be updated anywhere. Under a native allocator the update's new nodes are
     * native and share this value's managed nodes through roots (no deep copy).
     */
    @Override
    ChampTrie forUpdate(boolean emptyValue, String what) {
        Allocator current = CurrentAllocator.get();
        if (!(current instanceof NativeAllocator nativeCurrent)) {
            return this;
        }
        return new NativeChampTrie(keyCodec, valueCodec, nativeCurrent, !emptyValue);
    }

    @Override
    ChampTrie forTransient(boolean emptyValue, String what) {
        return forUpdate(emptyValue, what);
    }

    @Override
    void checkLive(String what) {
    }

    @Override
    NativeAllocator allocator() {
        return null;
    }

    @Override
    NativeMemory.Window memory() {
        return null;
    }

    @Override
    boolean mixed() {
        return false;
    }

    @Override
    ChampTrie withManagedSubtrees() {
        return this;
    }

    @Override
    void retire(Op op, Object n, long a, int da, int na) {
        // The JVM's collector reclaims managed nodes.
    }

    @Override
    void newNode(Op out, long header, int da, int na, Edit edit) {
        out.set(make(da, na, header, edit), 0);
    }

    private static long[] words(Object n) {
        return n instanceof long[] w ? w : (long[]) ((Object[]) n)[0];
    }

    @Override
    Object keyRef(Object n, long a, int i) {
        return ((Object[]) n)[1 + i * refsPerEntry];
    }

    @Override
    Object valRef(Object n, long a, int i) {
        return ((Object[]) n)[1 + i * refsPerEntry + valueOffset];
    }

    @Override
    Object child(Object n, long a, int da, int ci) {
        return ((Object[]) n)[childSlot(da, ci)];
    }

    /** Where child {@code ci} of a node of {@code da} entries is in R; its W is in the next slot. */
    private int childSlot(int da, int ci) {
        return 1 + da * refsPerEntry + 2 * ci;
    }

    @Override
    Object words(Object n, long a) {
        return words(n);
    }

    @Override
    Object childWords(Object n, long a, int da, int ci, Object c, long ca) {
        return ((Object[]) n)[childSlot(da, ci) + 1];
    }

    @Override
    long headerIn(Object w, long a) {
        return ((long[]) w)[0];
    }

    @Override
    long keyWordIn(Object w, long a, int i) {
        return ((long[]) w)[2 + i * wordsPerEntry];
    }

    @Override
    long valWordIn(Object w, long a, int i) {
        return ((long[]) w)[2 + i * wordsPerEntry + valueOffset];
    }

    @Override
    long childAddr(Object n, long a, int da, int ci) {
        return 0;
    }

    @Override
    boolean owned(Object n, long a, Edit edit) {
        return words(n)[1] == edit.id();
    }

    @Override
    void setValue(Object n, long a, int i, long vw, Object vr) {
        if (valInline) {
            words(n)[2 + i * wordsPerEntry + valueOffset] = vw;
        } else {
            ((Object[]) n)[1 + i * refsPerEntry + valueOffset] = vr;
        }
    }

    @Override
    void setChild(Object n, long a, int da, int ci, Object c, long ca) {
        Object[] r = (Object[]) n;
        int slot = childSlot(da, ci);
        r[slot] = c;
        r[slot + 1] = words(c);
    }

    @Override
    void setChild(Object n, long a, int da, int ci, Object c, long ca, Object cw) {
        Object[] r = (Object[]) n;
        int slot = childSlot(da, ci);
        r[slot] = c;
        r[slot + 1] = cw != null ? cw : words(c);
    }

    @Override
    void visitWords(Object n, long a, int da, LongLongConsumer action, String what) {
        long[] w = words(n);
        if (wordsPerEntry == 2) {
            for (int p = 2, end = 2 + 2 * da; p < end; p += 2) {
                action.accept(w[p], w[p + 1]);
            }
        } else {
            for (int p = 2, end = 2 + da; p < end; p++) {
                action.accept(w[p], 0);
            }
        }
    }

    @Override
    void empty(Op out) {
        out.set(emptyNode, 0);
    }

    /** Reports a new node of words {@code w} and references {@code r} to the routing heap. */
    private static void recordNode(long[] w, Object[] r) {
        RoutingHeap.recordManagedBlock(ManagedBlocks.wordArrayBytes(w.length) + ManagedBlocks.refArrayBytes(r.length),
                BlockKind.REFS);
    }

    /** The owner word of a node {@code edit} owns: its id, or 0 for none. */
    private static long ownerWord(Edit edit) {
        return edit == null ? 0 : edit.id();
    }

    /** A new node of {@code da} entries and {@code na} children, reported to the routing heap. */
    private Object make(int da, int na, long header, Edit edit) {
        int refs = da * refsPerEntry + 2 * na;
        if (header == ALL_CHILDREN) {
            // Made unowned even for a transient: one that edits through it later copies it once,
            // and the copy has words of its own, owned (see copy).
            Object[] r = new Object[1 + refs];
            r[0] = FULL_UNOWNED;
            ManagedBlocks.recordRefs(ManagedBlocks.refArrayBytes(r.length));
            return r;
        }
        long[] w = new long[2 + da * wordsPerEntry];
        w[0] = header;
        w[1] = ownerWord(edit);
        if (refs == 0) {
            ManagedBlocks.recordWords(w.length);
            return w;
        }
        Object[] r = new Object[1 + refs];
        r[0] = w;
        recordNode(w, r);
        return r;
    }

    private void copyEntries(Object src, int from, Object dst, int to, int count) {
        if (count <= 0) {
            return;
        }
        System.arraycopy(words(src), 2 + from * wordsPerEntry, words(dst), 2 + to * wordsPerEntry, count * wordsPerEntry);
        if (refsPerEntry > 0) {
            System.arraycopy((Object[]) src, 1 + from * refsPerEntry, (Object[]) dst, 1 + to * refsPerEntry, count * refsPerEntry);
        }
    }

    /** Copies children {@code from..from+count} of {@code src} (of {@code srcDa} entries) to {@code to...} of {@code dst}. */
    private void copyChildren(Object src, int srcDa, int from, Object dst, int dstDa, int to, int count) {
        if (count <= 0) {
            return;
        }
        System.arraycopy((Object[]) src, childSlot(srcDa, from), (Object[]) dst, childSlot(dstDa, to), 2 * count);
    }

    private void putEntry(Object dst, int i, long kw, Object kr, long vw, Object vr) {
        words(dst)[2 + i * wordsPerEntry] = kw;
        if (!keyInline) {
            ((Object[]) dst)[1 + i * refsPerEntry] = kr;
        }
        if (hasValues) {
            setValue(dst, 0, i, vw, vr);
        }
    }

    @Override
    void copy(Op out, Object n, long a, int da, int na, Edit edit) {
        // A clone, not make and copies: the JVM copies an array into its clone without zeroing
        // it first and without an arraycopy call per part.
        long[] src = words(n);
        if (src[0] == ALL_CHILDREN && edit == null) {
            Object[] m = ((Object[]) n).clone();
            m[0] = FULL_UNOWNED;
            ManagedBlocks.recordRefs(ManagedBlocks.refArrayBytes(m.length));
            out.set(m, 0);
            return;
        }
        long[] w = src.clone();
        w[1] = ownerWord(edit);
        if (!(n instanceof Object[] r)) {
            ManagedBlocks.recordWords(w.length);
            out.set(w, 0);
            return;
        }
        Object[] m = r.clone();
        m[0] = w;
        recordNode(w, m);
        out.set(m, 0);
    }

    @Override
    void insertEntry(Op out, Object n, long a, int da, int na, long header, int i,
                     long kw, Object kr, long vw, Object vr, Edit edit) {
        // Each array is copied whole into a longer one and its tail moved up by an entry: the
        // JVM does not zero what it copies, and there is no separate copy per part.
        long[] src = words(n);
        int at = 2 + i * wordsPerEntry;
        long[] w = Arrays.copyOf(src, src.length + wordsPerEntry);
        System.arraycopy(w, at, w, at + wordsPerEntry, src.length - at);
        w[0] = header;
        w[1] = ownerWord(edit);
        Object m;
        if ((da + 1) * refsPerEntry + 2 * na == 0) {
            ManagedBlocks.recordWords(w.length);
            m = w;
        } else {
            Object[] r;
            if (!(n instanceof Object[] srcRefs)) {
                r = new Object[1 + refsPerEntry]; // the node had nothing but words: no entries, no children
            } else if (refsPerEntry == 0) {
                r = srcRefs.clone();
            } else {
                int refAt = 1 + i * refsPerEntry;
                r = Arrays.copyOf(srcRefs, srcRefs.length + refsPerEntry);
                System.arraycopy(r, refAt, r, refAt + refsPerEntry, srcRefs.length - refAt);
            }
            r[0] = w;
            recordNode(w, r);
            m = r;
        }
        putEntry(m, i, kw, kr, vw, vr);
        out.set(m, 0);
    }

    @Override
    void removeEntry(Op out, Object n, long a, int da, int na, long header, int i, Edit edit) {
        // As insertEntry: whole copies and a move, no zeroing.
        long[] w = wordsWithout(words(n), i, header, edit);
        if ((da - 1) * refsPerEntry + 2 * na == 0) {
            ManagedBlocks.recordWords(w.length);
            out.set(w, 0);
            return;
        }
        Object[] src = (Object[]) n;
        Object[] r;
        if (refsPerEntry == 0) {
            r = src.clone();
        } else {
            int refAt = 1 + i * refsPerEntry;
            r = Arrays.copyOf(src, src.length - refsPerEntry);
            System.arraycopy(src, refAt + refsPerEntry, r, refAt, src.length - refAt - refsPerEntry);
        }
        r[0] = w;
        recordNode(w, r);
        out.set(r, 0);
    }

    /** A copy of the words {@code src} without entry {@code i}, with the header {@code header}, owned by {@code edit}. */
    private long[] wordsWithout(long[] src, int i, long header, Edit edit) {
        int at = 2 + i * wordsPerEntry;
        long[] w = Arrays.copyOf(src, src.length - wordsPerEntry);
        System.arraycopy(src, at + wordsPerEntry, w, at, src.length - at - wordsPerEntry);
        w[0] = header;
        w[1] = ownerWord(edit);
        return w;
    }

    @Override
    void entryToChild(Op out, Object n, long a, int da, int na, long header, int di, int ci,
                      Object c, long ca, Edit edit) {
        if (refsPerEntry == 0) {
            // Inline keys and values: the references are the children alone. As insertEntry,
            // whole copies and a move, no zeroing.
            long[] w = wordsWithout(words(n), di, header, edit);
            Object[] r;
            int slot = childSlot(0, ci);
            if (n instanceof Object[] srcRefs) {
                r = Arrays.copyOf(srcRefs, srcRefs.length + 2);
                System.arraycopy(r, slot, r, slot + 2, srcRefs.length - slot);
            } else {
                r = new Object[3];
            }
            r[0] = w;
            r[slot] = c;
            r[slot + 1] = words(c);
            recordNode(w, r);
            out.set(r, 0);
            return;
        }
        Object m = make(da - 1, na + 1, header, edit);
        copyEntries(n, 0, m, 0, di);
        copyEntries(n, di + 1, m, di, da - di - 1);
        copyChildren(n, da, 0, m, da - 1, 0, ci);
        setChild(m, 0, da - 1, ci, c, ca);
        copyChildren(n, da, ci, m, da - 1, ci + 1, na - ci);
        out.set(m, 0);
    }

    @Override
    void childToEntry(Op out, Object n, long a, int da, int na, long header, int ci, int di,
                      long kw, Object kr, long vw, Object vr, Edit edit) {
        Object m = make(da + 1, na - 1, header, edit);
        copyEntries(n, 0, m, 0, di);
        putEntry(m, di, kw, kr, vw, vr);
        copyEntries(n, di, m, di + 1, da - di);
        copyChildren(n, da, 0, m, da + 1, 0, ci);
        copyChildren(n, da, ci + 1, m, da + 1, ci, na - ci - 1);
        out.set(m, 0);
    }

    @Override
    void newEntries2(Op out, long header, long kw0, Object kr0, long vw0, Object vr0,
                     long kw1, Object kr1, long vw1, Object vr1, Edit edit) {
        Object m = make(2, 0, header, edit);
        putEntry(m, 0, kw0, kr0, vw0, vr0);
        putEntry(m, 1, kw1, kr1, vw1, vr1);
        out.set(m, 0);
    }

    @Override
    void newEntries(Op out, long header, int count, Edit edit) {
        out.set(make(count, 0, header, edit), 0);
    }

    @Override
    void setEntry(Object n, long a, int i, long kw, Object kr, long vw, Object vr) {
        putEntry(n, i, kw, kr, vw, vr);
    }

    @Override
    void newChild1(Op out, long header, Object c, long ca, Edit edit) {
        Object m = make(0, 1, header, edit);
        setChild(m, 0, 0, 0, c, ca);
        out.set(m, 0);
    }
}
