package dev.arbor.collections.vector;

import dev.arbor.api.Allocator;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.node.Edit;
import dev.arbor.collections.node.ManagedBlocks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongConsumer;

/**
 * The managed node format of the vector: nodes are JVM arrays, the {@code long} half of every
 * node reference is unused ({@code 0}).
 *
 * <pre>
 * branch (REFS)                   Object[33]
 *   [0]      owner: Long edit id of the transient that may mutate it, or null
 *   [1..32]  children (branches, or leaves one level up from the bottom), null = none
 *
 * leaf of words (NOREFS)          long[1 + capacity]     inline codecs (long, int, double)
 *   [0]      owner edit id, 0 = none
 *   [1..]    elements as words
 *
 * leaf of references (REFS)       Object[1 + capacity]   Codec.object()
 *   [0]      owner: Long edit id, or null
 *   [1..]    elements
 * </pre>
 * Trie leaves are full (32 elements); a transient's tail has 32 slots. A persistent tail of
 * references has exactly as many slots as elements. A persistent tail of words that an append
 * made has room to grow (its capacity doubles, up to 32) and its owner word says how many of its
 * slots are taken, {@code -1 - count}: an append to the value holding exactly those elements
 * takes the next slot with one compare-and-set on that word and writes its element there, with
 * no copy; any other value that shares the tail (holding fewer elements) finds the word changed
 * and copies. No value ever reads a slot past its own elements, so what a later value writes
 * there changes no earlier one. Edit ids are positive, so no transient owns such a tail.
 * The empty root and empty tails are shared static constants.
 */
final class ManagedVectorTrie extends VectorTrie {
    static final ManagedVectorTrie WORDS = new ManagedVectorTrie(true);
    static final ManagedVectorTrie REFS = new ManagedVectorTrie(false);

    private static final Object[] EMPTY_ROOT = new Object[1 + WIDTH];
    private static final long[] EMPTY_WORD_LEAF = new long[1];
    private static final Object[] EMPTY_REF_LEAF = new Object[1];
    /** Atomic access to the owner word of a tail of words (see the class comment). */
    private static final VarHandle WORDS_SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private ManagedVectorTrie(boolean inline) {
        super(inline);
    }

    /** The managed format for leaves of words ({@code inline}) or of references. */
    static ManagedVectorTrie of(boolean inline) {
        return inline ? WORDS : REFS;
    }

    /**
     * Managed nodes may be updated anywhere. Under a native allocator the update's new nodes are
     * native and share this value's managed nodes through roots (no deep copy).
     */
    @Override
    VectorTrie forUpdate(boolean emptyValue, String what) {
        Allocator current = CurrentAllocator.get();
        if (!(current instanceof NativeAllocator nativeCurrent)) {
            return this;
        }
        return new NativeVectorTrie(inline, nativeCurrent, !emptyValue);
    }

    @Override
    VectorTrie forTransient(boolean emptyValue, String what) {
        return forUpdate(emptyValue, what);
    }

    /** Managed nodes can be shared by a value of any format. */
    @Override
    boolean sharableHere() {
        return true;
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
    void retire(Ref log, Object n, long a, Edit edit) {
        // The JVM's collector reclaims managed nodes.
    }

    @Override
    void discardNewLeaf(Object leaf, long a, int capacity, Throwable cause) {
        // The JVM's collector reclaims it.
    }

    @Override
    int leafCapacity(Object leaf, long a) {
        return leaf instanceof long[] w ? w.length - 1 : ((Object[]) leaf).length - 1;
    }

    @Override
    Object child(Object n, long a, int i) {
        return ((Object[]) n)[1 + i];
    }

    @Override
    long childAddr(Object n, long a, int i) {
        return 0;
    }

    @Override
    boolean isNull(Object n, long a) {
        return n == null;
    }

    @Override
    long word(Object leaf, long a, int i) {
        return ((long[]) leaf)[1 + i];
    }

    @Override
    void visitWords(Object leaf, long a, int from, int to, LongConsumer action, String what) {
        long[] words = (long[]) leaf;
        for (int i = 1 + from; i <= to; i++) {
            action.accept(words[i]);
        }
    }

    @Override
    int indexOfWord(Object leaf, long a, int from, int to, long w) {
        long[] words = (long[]) leaf;
        for (int i = 1 + from; i <= to; i++) {
            if (words[i] == w) {
                return i - 1;
            }
        }
        return -1;
    }

    @Override
    int lastIndexOfWord(Object leaf, long a, int from, int to, long w) {
        long[] words = (long[]) leaf;
        for (int i = to; i > from; i--) {
            if (words[i] == w) {
                return i - 1;
            }
        }
        return -1;
    }

    @Override
    int hashWords(Object leaf, long a, int from, int to, int h, boolean intWords) {
        long[] words = (long[]) leaf;
        for (int i = 1 + from; i <= to; i++) {
            long w = words[i];
            h = 31 * h + (intWords ? (int) w : Long.hashCode(w));
        }
        return h;
    }

    @Override
    Object ref(Object leaf, long a, int i) {
        return ((Object[]) leaf)[1 + i];
    }

    @Override
    boolean owned(Object n, long a, Edit edit) {
        if (n instanceof long[] words) {
            return words[0] == edit.id();
        }
        return ((Object[]) n)[0] instanceof Long owner && owner == edit.id();
    }

    @Override
    void emptyRoot(Ref out) {
        out.set(EMPTY_ROOT, 0);
    }

    @Override
    void emptyTail(Ref out) {
        out.set(inline ? EMPTY_WORD_LEAF : EMPTY_REF_LEAF, 0);
    }

    @Override
    void newBranch(Ref out, Edit edit) {
        Object[] b = new Object[1 + WIDTH];
        b[0] = edit == null ? null : edit.boxedId();
        ManagedBlocks.recordRefs(ManagedBlocks.refArrayBytes(b.length));
        out.set(b, 0);
    }

    @Override
    void copyBranch(Ref out, Object n, long a, Edit edit) {
        Object[] b = ((Object[]) n).clone();
        b[0] = edit == null ? null : edit.boxedId();
        ManagedBlocks.recordRefs(ManagedBlocks.refArrayBytes(b.length));
        out.set(b, 0);
    }

    @Override
    void setChild(Object n, long a, int i, Object c, long ca) {
        ((Object[]) n)[1 + i] = c;
    }

    @Override
    void newLeaf(Ref out, int capacity, Edit edit) {
        if (inline) {
            long[] w = new long[1 + capacity];
            w[0] = edit == null ? 0 : edit.id();
            ManagedBlocks.recordWords(w.length);
            out.set(w, 0);
        } else {
            Object[] r = new Object[1 + capacity];
            r[0] = edit == null ? null : edit.boxedId();
            ManagedBlocks.recordRefs(ManagedBlocks.refArrayBytes(r.length));
            out.set(r, 0);
        }
    }

    /** The owner word of a persistent tail of words whose first {@code count} slots are taken. */
    private static long takenWord(int count) {
        return -1L - count;
    }

    @Override
    boolean appendInPlace(Object tail, long a, int count, long w) {
        if (!inline) {
            // A slot past a value's elements would keep what a later value put there reachable.
            return false;
        }
        long[] t = (long[]) tail;
        if (1 + count >= t.length || !WORDS_SLOT.compareAndSet(t, 0, takenWord(count), takenWord(count + 1))) {
            return false;
        }
        t[1 + count] = w;
        return true;
    }

    @Override
    boolean popSharesTail() {
        return inline;
    }

    @Override
    void copyTailToAppend(Ref out, Object tail, long a, int count) {
        if (!inline) {
            super.copyTailToAppend(out, tail, a, count);
            return;
        }
        long[] w = new long[1 + tailCapacityToAppend(count)];
        System.arraycopy((long[]) tail, 1, w, 1, count);
        w[0] = takenWord(count + 1);
        ManagedBlocks.recordWords(w.length);
        out.set(w, 0);
    }

    /**
     * About twice the elements (1, 3, 5, 9, 17, then 32 slots), so that appends one at a time copy
     * a tail 6 times per 32 elements, not 32, and a tail holds at most twice the slots it uses.
     */
    @Override
    int tailCapacityToAppend(int count) {
        return inline ? Math.min(WIDTH, Integer.highestOneBit(count) << 1 | 1) : super.tailCapacityToAppend(count);
    }

    @Override
    void copyLeaf(Ref out, Object n, long a, int count, int capacity, Edit edit) {
        if (inline) {
            long[] w = new long[1 + capacity];
            System.arraycopy((long[]) n, 1, w, 1, count);
            w[0] = edit == null ? 0 : edit.id();
            ManagedBlocks.recordWords(w.length);
            out.set(w, 0);
        } else {
            Object[] r = new Object[1 + capacity];
            System.arraycopy((Object[]) n, 1, r, 1, count);
            r[0] = edit == null ? null : edit.boxedId();
            ManagedBlocks.recordRefs(ManagedBlocks.refArrayBytes(r.length));
            out.set(r, 0);
        }
    }

    @Override
    void setWord(Object leaf, long a, int i, long w) {
        ((long[]) leaf)[1 + i] = w;
    }

    @Override
    void setRef(Object leaf, long a, int i, Object r) {
        ((Object[]) leaf)[1 + i] = r;
    }
}
