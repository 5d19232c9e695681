package dev.arbor.collections.vector;

import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.collections.node.Edit;
import dev.arbor.collections.node.NodeMemo;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The vector's algorithms, written once for every node format (Clojure's {@code PersistentVector}
 * scheme: a 32-way trie of full leaves plus a tail of up to 32 elements).
 *
 * <p>A node reference is an {@code (Object n, long a)} pair: managed nodes use the object, native
 * nodes the address. Subclasses (one final class per format) supply node access and construction;
 * everything else, path copying, tail pushing and popping, transient in-place edits, lives here.
 * Constructors of nodes write the new reference into a {@link Ref} register.
 *
 * <p>An element is a pair too: a word {@code w} for inline codecs, a reference {@code r} otherwise
 * ({@link #inline}). Leaf positions are {@code 0..31}; an edit token of {@code null} means the
 * operation is persistent and copies every node it changes.
 */
abstract class VectorTrie {
    static final int BITS = 5;
    static final int WIDTH = 1 << BITS;
    static final int MASK = WIDTH - 1;

    /** Whether leaves hold words (inline codecs) or references. */
    final boolean inline;

    VectorTrie(boolean inline) {
        this.inline = inline;
    }

    // ---- format and lifetime ----

    /**
     * The trie a persistent update runs with on this thread. Reads the current allocator once
     * per operation: under a native allocator the new nodes are native, owned by it.
     *
     * @param emptyValue whether the value is empty (its nodes are shared static constants)
     * @throws IllegalStateException if this trie's nodes are native and their allocator is not
     *                               current, reset or closed
     */
    abstract VectorTrie forUpdate(boolean emptyValue, String what);

    /**
     * The trie a transient's operation (read or write) runs with: as {@link #forUpdate}, and a
     * native transient is also refused outside its allocator.
     */
    abstract VectorTrie forTransient(boolean emptyValue, String what);

    /**
     * Whether {@link #forUpdate} would accept this trie's nodes on this thread: a new value made
     * now may share them. A read-only operation that would rather copy than throw asks first.
     */
    abstract boolean sharableHere();

    /** Throws if this trie's nodes are native and their allocator was reset or closed. */
    abstract void checkLive(String what);

    /** The allocator owning this trie's native nodes, or {@code null} for the managed format. */
    abstract NativeAllocator allocator();

    /** The window this format's nodes are read and written through, or {@code null} for managed nodes. */
    abstract NativeMemory.Window memory();

    /** Whether a native value may hold managed subtrees (so its branches are REFS blocks). */
    abstract boolean mixed();

    /**
     * Called for a node the operation drops or replaces: a native node that {@code edit} owns,
     * or that this operation allocated, is freed when the operation commits.
     */
    abstract void retire(Ref log, Object n, long a, Edit edit);

    /**
     * Frees the leaf {@code (leaf, a)} of {@code capacity} slots that the failing operation
     * {@code cause} had just made and not yet linked anywhere, if it made it ({@code (null, 0)}
     * if its allocation failed); a free that fails is added to
     * {@code cause} as suppressed. For operations whose only allocation is that leaf, so that they
     * need no operation log, which the JIT can then leave out (a persistent append).
     */
    abstract void discardNewLeaf(Object leaf, long a, int capacity, Throwable cause);

    /** The number of element slots of a leaf. */
    abstract int leafCapacity(Object leaf, long a);

    // ---- node access, one implementation per format ----

    /** Child {@code i} of a branch: the object half. */
    abstract Object child(Object n, long a, int i);

    /** Child {@code i} of a branch: the address half. */
    abstract long childAddr(Object n, long a, int i);

    /** Whether a child reference is "no node". */
    abstract boolean isNull(Object n, long a);

    /** Element {@code i} of a leaf of words. */
    abstract long word(Object leaf, long a, int i);

    /** Element {@code i} of a leaf of references. */
    abstract Object ref(Object leaf, long a, int i);

    /**
     * Calls {@code action} with elements {@code from..to-1} of a leaf of words, in order. A native
     * format checks its allocator ({@link #checkLive}) after each call, before it reads again,
     * since the action may reset it.
     */
    abstract void visitWords(Object leaf, long a, int from, int to, LongConsumer action, String what);

    /**
     * {@link Objects#equals} of two elements of this trie and {@code other}: user code, which may
     * reset or close a native trie's allocator, so both are checked live before the caller reads on.
     */
    private boolean userEquals(Object x, Object y, VectorTrie other) {
        if (x == y) {
            return true;
        }
        boolean equal = x != null && x.equals(y);
        checkLive("vector");
        other.checkLive("vector");
        return equal;
    }

    /** The first slot of {@code from..to-1} in a leaf of words that holds {@code w}, or -1. */
    int indexOfWord(Object leaf, long a, int from, int to, long w) {
        for (int i = from; i < to; i++) {
            if (word(leaf, a, i) == w) {
                return i;
            }
        }
        return -1;
    }

    /** The last slot of {@code from..to-1} in a leaf of words that holds {@code w}, or -1. */
    int lastIndexOfWord(Object leaf, long a, int from, int to, long w) {
        for (int i = to - 1; i >= from; i--) {
            if (word(leaf, a, i) == w) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code h} followed by the words {@code from..to-1} of a leaf, hashed as {@link List#hashCode}
     * does: {@code 31 * h} plus each element's hash, which is the word's low half for
     * {@code int} elements ({@code intWords}) and {@link Long#hashCode} of it otherwise (a
     * {@code Long}'s, and a {@code Double}'s of its bits).
     */
    int hashWords(Object leaf, long a, int from, int to, int h, boolean intWords) {
        for (int i = from; i < to; i++) {
            long w = word(leaf, a, i);
            h = 31 * h + (intWords ? (int) w : Long.hashCode(w));
        }
        return h;
    }

    /** Whether {@code edit} owns the node (may mutate it in place). */
    abstract boolean owned(Object n, long a, Edit edit);

    /** The shared empty root branch: a static constant, never allocated or counted. */
    abstract void emptyRoot(Ref out);

    /** The shared empty tail leaf: a static constant, never allocated or counted. */
    abstract void emptyTail(Ref out);

    /** A new branch, every child "no node", owned by {@code edit} (or nobody). */
    abstract void newBranch(Ref out, Edit edit);

    /** A copy of a branch owned by {@code edit} (or nobody). */
    abstract void copyBranch(Ref out, Object n, long a, Edit edit);

    /** Writes child {@code i} of a branch the caller just made or owns. */
    abstract void setChild(Object n, long a, int i, Object c, long ca);

    /** A new leaf with room for {@code capacity} elements, owned by {@code edit} (or nobody). */
    abstract void newLeaf(Ref out, int capacity, Edit edit);

    /** A leaf with room for {@code capacity} elements holding the first {@code count} of {@code n}'s. */
    abstract void copyLeaf(Ref out, Object n, long a, int count, int capacity, Edit edit);

    /**
     * Writes the word {@code w} into the slot after the first {@code count} elements of the
     * persistent tail {@code (tail, a)}, if that slot exists and no other value has taken it:
     * then the tail holds this value's elements and {@code w}, and an appended value can share
     * it. Returns false, having written nothing, otherwise. Only a format whose tails can say
     * so atomically does it ({@link ManagedVectorTrie}, tails of words).
     */
    boolean appendInPlace(Object tail, long a, int count, long w) {
        return false;
    }

    /**
     * The tail of a value made by appending to one whose tail {@code (tail, a)} holds
     * {@code count} elements: a copy of them with room for at least one more, the appended
     * element not yet written. A format that appends in place ({@link #appendInPlace}) leaves
     * room for more and marks the new element's slot as taken.
     */
    void copyTailToAppend(Ref out, Object tail, long a, int count) {
        copyLeaf(out, tail, a, count, count + 1, null);
    }

    /**
     * Whether a value made by removing the last element of a tail shares that tail (holding one
     * element fewer) instead of copying it: where a slot past a value's elements keeps nothing
     * reachable and no append can take it ({@link ManagedVectorTrie}, tails of words; the slot
     * stays taken, so the shorter value's appends copy).
     */
    boolean popSharesTail() {
        return false;
    }

    /** The capacity {@link #copyTailToAppend} gives a tail of {@code count + 1} elements. */
    int tailCapacityToAppend(int count) {
        return count + 1;
    }

    /** Writes element {@code i} of a leaf the caller just made or owns. */
    abstract void setWord(Object leaf, long a, int i, long w);

    /** Writes element {@code i} of a leaf the caller just made or owns. */
    abstract void setRef(Object leaf, long a, int i, Object r);

    // ---- algorithms ----

    /**
     * Retires every native node of the trie rooted at {@code (n, a)} that {@code edit} owns (they
     * form a connected region from the root), for a transient abandoned after a failure.
     */
    final void retireOwned(Ref log, Object n, long a, int level, Edit edit) {
        if (n != null || a == 0 || !owned(n, a, edit)) {
            return;
        }
        if (level > 0) {
            for (int i = 0; i < WIDTH; i++) {
                retireOwned(log, child(n, a, i), childAddr(n, a, i), level - BITS, edit);
            }
        }
        retire(log, n, a, edit);
    }

    /**
     * Copies the trie rooted at {@code (n, a)} (a leaf at level 0) into format {@code dst}:
     * native nodes are copied once each ({@code memo}), managed nodes are shared.
     */
    final void copyNode(Ref out, VectorTrie dst, NodeMemo memo, Object n, long a, int level) {
        if (n != null || a == 0) {
            out.set(n, a);
            return;
        }
        int m = memo.find(a);
        if (m >= 0) {
            out.set(memo.obj(m), memo.addr(m));
            return;
        }
        if (level > 0) {
            dst.newBranch(out, null);
            Object b = out.obj;
            long ba = out.addr;
            for (int i = 0; i < WIDTH; i++) {
                Object c = child(n, a, i);
                long ca = childAddr(n, a, i);
                if (!isNull(c, ca)) {
                    copyNode(out, dst, memo, c, ca, level - BITS);
                    dst.setChild(b, ba, i, out.obj, out.addr);
                }
            }
            out.set(b, ba);
        } else {
            int count = leafCapacity(n, a);
            dst.newLeaf(out, count, null);
            for (int i = 0; i < count; i++) {
                if (inline) {
                    dst.setWord(out.obj, out.addr, i, word(n, a, i));
                } else {
                    dst.setRef(out.obj, out.addr, i, ref(n, a, i));
                }
            }
        }
        memo.put(a, out.obj, out.addr);
    }

    final void setElement(Object leaf, long a, int i, long w, Object r) {
        if (inline) {
            setWord(leaf, a, i, w);
        } else {
            setRef(leaf, a, i, r);
        }
    }

    /**
     * Masks a shift (at most 30) in the descents from the root: it changes nothing, but it tells
     * the JIT that the loop runs at most seven times, so it compiles it as a short loop rather than
     * strip-mining it for safepoint polls.
     */
    private static final int MAX_SHIFT_MASK = 31;

    /** The position of the tail's first slot in a vector whose elements end at position {@code end}. */
    static int tailOffset(int end) {
        return end < WIDTH ? 0 : ((end - 1) >>> BITS) << BITS;
    }

    /** The leaf holding position {@code i} (the tail or a trie leaf) of a vector whose elements end at position {@code end}. */
    final void leafFor(Ref out, int i, int end, int shift, Object root, long rootA, Object tail, long tailA) {
        if (i >= tailOffset(end)) {
            out.set(tail, tailA);
            return;
        }
        Object n = root;
        long a = rootA;
        for (int level = shift & MAX_SHIFT_MASK; level > 0; level -= BITS) {
            int k = (i >>> level) & MASK;
            // The address first: a native child needs one read, the object half only otherwise.
            long ca = childAddr(n, a, k);
            n = ca != 0 ? null : child(n, a, k);
            a = ca;
        }
        out.set(n, a);
    }

    /**
     * Visits the leaves of a vector in order, each branch node read once (where looking each leaf
     * up from the root reads the branches above it again for every leaf), then the tail: the
     * elements at positions {@code origin..end-1}.
     */
    final void walkLeaves(int origin, int end, int shift, Object root, long rootA, Object tail, long tailA, LeafVisitor visitor) {
        int tailOffset = tailOffset(end);
        if (origin == 0 && tailOffset > 0) {
            walkBranch(root, rootA, shift, 0, tailOffset, visitor);
        } else if (origin < tailOffset) {
            walkFrom(root, rootA, shift, 0, origin, tailOffset, visitor);
        }
        if (end > tailOffset) {
            visitor.leaf(tail, tailA, Math.max(origin - tailOffset, 0), end - tailOffset);
        }
    }

    /** The leaves below the node {@code (n, a)} at {@code level} whose first position is {@code first}, up to {@code end}. */
    private void walkBranch(Object n, long a, int level, int first, int end, LeafVisitor visitor) {
        if (level == 0) {
            // Every leaf before the tail is full.
            visitor.leaf(n, a, 0, WIDTH);
            return;
        }
        for (int k = 0; k < WIDTH; k++) {
            int childFirst = first + (k << level);
            if (childFirst >= end) {
                return;
            }
            // The address first: a native child needs one read, the object half only otherwise.
            long ca = childAddr(n, a, k);
            walkBranch(ca != 0 ? null : child(n, a, k), ca, level - BITS, childFirst, end, visitor);
        }
    }

    /**
     * {@link #walkBranch} for a slice: from position {@code from}, which lies below this node.
     * The subtrees before it are not read (the slice dropped them); only the path to
     * {@code from} is walked here, every subtree right of it by {@link #walkBranch}.
     */
    private void walkFrom(Object n, long a, int level, int first, int from, int end, LeafVisitor visitor) {
        if (level == 0) {
            visitor.leaf(n, a, from - first, WIDTH);
            return;
        }
        int k = (from - first) >>> level;
        long ca = childAddr(n, a, k);
        walkFrom(ca != 0 ? null : child(n, a, k), ca, level - BITS, first + (k << level), from, end, visitor);
        for (k++; k < WIDTH; k++) {
            int childFirst = first + (k << level);
            if (childFirst >= end) {
                return;
            }
            ca = childAddr(n, a, k);
            walkBranch(ca != 0 ? null : child(n, a, k), ca, level - BITS, childFirst, end, visitor);
        }
    }

    /** The exception of an index outside {@code [0, size)}. */
    static IndexOutOfBoundsException outOfBounds(int i, int size) {
        return new IndexOutOfBoundsException("index " + i + " out of bounds for a vector of size " + size);
    }

    /*
     * wordAt and refAt take the root's step before their loop: an index below the tail offset
     * means the root is a branch, and the root is the same for every lookup of a caller's loop,
     * so the JIT hoists the checks on it (its type, its length) out of that loop. With the root
     * inside the loop they would run for every lookup.
     *
     * They check the index themselves: one unsigned comparison with the tail offset sends every
     * trie index down, and only the rest (the tail's indexes, negative ones, the size and beyond)
     * pays the comparison with the size. A check before them would cost a comparison per lookup.
     *
     * Index i of a slice is at position origin + i. A slice (origin > 0) checks its index against
     * its size, then reads at the position as a vector of origin 0 and size origin + size would:
     * a method of its own, so that in a loop over one vector the JIT hoists the origin test out
     * (loop unswitching) and a vector that is no slice runs a descent with no origin in it.
     * Adding the origin inside the descent instead is slower (measured at 10^3 elements).
     *
     * They repeat leafFor's descent rather than call it with a Ref register: with the native
     * format the JIT does not scalar-replace the register, and each get would allocate 80 bytes
     * (measured with -prof gc on nativeformat.NativeReadBenchmark.vectorGetLong).
     */
    final long wordAt(int i, int origin, int size, int shift, Object root, long rootA, Object tail, long tailA) {
        if (origin != 0) {
            return wordAtInSlice(i, origin, size, shift, root, rootA, tail, tailA);
        }
        Object n = tail;
        long a = tailA;
        if (Integer.compareUnsigned(i, tailOffset(size)) < 0) {
            int level = shift & MAX_SHIFT_MASK;
            int r = (i >>> level) & MASK;
            a = childAddr(root, rootA, r);
            n = a != 0 ? null : child(root, rootA, r);
            for (level -= BITS; level > 0; level -= BITS) {
                int k = (i >>> level) & MASK;
                // The address first: a native child needs one read, the object half only otherwise.
                long ca = childAddr(n, a, k);
                n = ca != 0 ? null : child(n, a, k);
                a = ca;
            }
        } else if (Integer.compareUnsigned(i, size) >= 0) {
            throw outOfBounds(i, size);
        }
        return word(n, a, i & MASK);
    }

    /** {@link #wordAt} for a slice: its index checked against its size, then read at its position. */
    private long wordAtInSlice(int i, int origin, int size, int shift, Object root, long rootA, Object tail, long tailA) {
        if (Integer.compareUnsigned(i, size) >= 0) {
            throw outOfBounds(i, size);
        }
        return wordAt(origin + i, 0, origin + size, shift, root, rootA, tail, tailA);
    }

    final Object refAt(int i, int origin, int size, int shift, Object root, long rootA, Object tail, long tailA) {
        if (origin != 0) {
            return refAtInSlice(i, origin, size, shift, root, rootA, tail, tailA);
        }
        Object n = tail;
        long a = tailA;
        if (Integer.compareUnsigned(i, tailOffset(size)) < 0) {
            int level = shift & MAX_SHIFT_MASK;
            int r = (i >>> level) & MASK;
            a = childAddr(root, rootA, r);
            n = a != 0 ? null : child(root, rootA, r);
            for (level -= BITS; level > 0; level -= BITS) {
                int k = (i >>> level) & MASK;
                // The address first: a native child needs one read, the object half only otherwise.
                long ca = childAddr(n, a, k);
                n = ca != 0 ? null : child(n, a, k);
                a = ca;
            }
        } else if (Integer.compareUnsigned(i, size) >= 0) {
            throw outOfBounds(i, size);
        }
        return ref(n, a, i & MASK);
    }

    /** {@link #refAt} for a slice: its index checked against its size, then read at its position. */
    private Object refAtInSlice(int i, int origin, int size, int shift, Object root, long rootA, Object tail, long tailA) {
        if (Integer.compareUnsigned(i, size) >= 0) {
            throw outOfBounds(i, size);
        }
        return refAt(origin + i, 0, origin + size, shift, root, rootA, tail, tailA);
    }

    /**
     * Whether the elements at positions {@code from..count-1} below the node {@code (n, a)} of
     * this format and the node {@code (m, b)} of format {@code other}, both at {@code level} (a
     * leaf at 0), are equal: words by value (same codec), references by {@code equals}. Two
     * vectors of one origin and one size have one shape, so their nodes pair up; a node both
     * share is equal without being read, and subtrees wholly before {@code from} are not read.
     */
    final boolean sameElements(Object n, long a, VectorTrie other, Object m, long b, int level, int from, int count) {
        if (n == m && a == b) {
            return true;
        }
        if (level == 0) {
            for (int i = from; i < count; i++) {
                if (inline ? word(n, a, i) != other.word(m, b, i) : !userEquals(ref(n, a, i), other.ref(m, b, i), other)) {
                    return false;
                }
            }
            return true;
        }
        int span = 1 << level;
        for (int k = from >>> level, first = k << level; first < count; k++, first += span) {
            long ca = childAddr(n, a, k);
            long cb = other.childAddr(m, b, k);
            if (!sameElements(ca != 0 ? null : child(n, a, k), ca, other, cb != 0 ? null : other.child(m, b, k), cb,
                    level - BITS, Math.max(from - first, 0), Math.min(span, count - first))) {
                return false;
            }
        }
        return true;
    }

    /** {@code n} itself if {@code edit} owns it, else a copy owned by {@code edit}. */
    final void editableBranch(Ref out, Object n, long a, Edit edit) {
        if (edit != null && owned(n, a, edit)) {
            out.set(n, a);
        } else {
            copyBranch(out, n, a, edit);
        }
    }

    /** A full trie leaf {@code n} itself if {@code edit} owns it, else a copy owned by {@code edit}. */
    final void editableLeaf(Ref out, Object n, long a, Edit edit) {
        if (edit != null && owned(n, a, edit)) {
            out.set(n, a);
        } else {
            copyLeaf(out, n, a, WIDTH, WIDTH, edit);
        }
    }

    /** The trie with element {@code i} (in a trie leaf, not the tail) replaced. */
    final void assoc(Ref out, int level, Object n, long a, int i, long w, Object r, Edit edit) {
        if (level == 0) {
            editableLeaf(out, n, a, edit);
            setElement(out.obj, out.addr, i & MASK, w, r);
            return;
        }
        editableBranch(out, n, a, edit);
        Object copy = out.obj;
        long copyA = out.addr;
        int k = (i >>> level) & MASK;
        assoc(out, level - BITS, child(n, a, k), childAddr(n, a, k), i, w, r, edit);
        setChild(copy, copyA, k, out.obj, out.addr);
        out.set(copy, copyA);
    }

    /**
     * The trie (rooted at {@code root} of height {@code shift}) with the full leaf {@code tail}
     * added as its last leaf; {@code end} is the position after the tail's last element. Writes the new root and
     * returns the new shift.
     */
    final int pushTailLeaf(Ref out, int end, int shift, Object root, long rootA, Object tail, long tailA, Edit edit) {
        if ((end >>> BITS) > (1 << shift)) {
            // The root is full: a new root above it.
            newPath(out, edit, shift, tail, tailA);
            Object path = out.obj;
            long pathA = out.addr;
            newBranch(out, edit);
            setChild(out.obj, out.addr, 0, root, rootA);
            setChild(out.obj, out.addr, 1, path, pathA);
            return shift + BITS;
        }
        pushTail(out, end, shift, root, rootA, tail, tailA, edit);
        return shift;
    }

    private void pushTail(Ref out, int end, int level, Object parent, long parentA, Object tail, long tailA, Edit edit) {
        int k = ((end - 1) >>> level) & MASK;
        Object insert;
        long insertA;
        if (level == BITS) {
            insert = tail;
            insertA = tailA;
        } else {
            Object c = child(parent, parentA, k);
            long ca = childAddr(parent, parentA, k);
            if (isNull(c, ca)) {
                newPath(out, edit, level - BITS, tail, tailA);
            } else {
                pushTail(out, end, level - BITS, c, ca, tail, tailA, edit);
            }
            insert = out.obj;
            insertA = out.addr;
        }
        editableBranch(out, parent, parentA, edit);
        setChild(out.obj, out.addr, k, insert, insertA);
    }

    private void newPath(Ref out, Edit edit, int level, Object n, long a) {
        if (level == 0) {
            out.set(n, a);
            return;
        }
        newPath(out, edit, level - BITS, n, a);
        Object c = out.obj;
        long ca = out.addr;
        newBranch(out, edit);
        setChild(out.obj, out.addr, 0, c, ca);
    }

    /**
     * The trie rooted at {@code (n, a)} at {@code shift} cut to the leaves of positions
     * {@code from..end-1} ({@code from < end}, {@code end} a multiple of 32), for a persistent
     * {@code subList}. While those positions lie below one child, that child becomes the root
     * (positions then count from that child's first, {@link #sliceBase}), as a trie built by
     * appends would have no level more than its elements need. Below, the branches on the path
     * to the leaf of {@code from} are copied with the children before the path left empty, so the
     * slice keeps nothing it dropped reachable but the part of that leaf before {@code from};
     * with {@code cutEnd}, the branches on the path to the leaf of {@code end - 1} are copied with
     * the children after it left empty (else the trie ends at {@code end} already). Everything
     * between the two paths is shared, and a branch on both paths is copied once: at most one
     * branch per level and path. Writes the new root and returns its shift.
     */
    final int sliceLeaves(Ref out, int from, int end, boolean cutEnd, int shift, Object n, long a) {
        int level = shift;
        int base = 0;
        while (level > BITS && ((from - base) >>> level) == ((end - 1 - base) >>> level)) {
            int k = (from - base) >>> level;
            long ca = childAddr(n, a, k);
            n = ca != 0 ? null : child(n, a, k);
            a = ca;
            base += k << level;
            level -= BITS;
        }
        if (cutEnd) {
            keepBetween(out, from - base, end - base, level, n, a);
        } else {
            keepFrom(out, from - base, level, n, a);
        }
        return level;
    }

    /**
     * {@link #sliceLeaves} below the branch {@code (n, a)} at {@code level}, where positions
     * {@code f} and {@code e - 1} are below different children unless the children are leaves.
     * A method of its own so that {@code sliceLeaves} stays small enough for the JIT to inline
     * into {@code subList}, whose register then needs no allocation.
     */
    private void keepBetween(Ref out, int f, int e, int level, Object n, long a) {
        int first = (f >>> level) & MASK;
        int last = ((e - 1) >>> level) & MASK;
        long fa = childAddr(n, a, first);
        Object fc = fa != 0 ? null : child(n, a, first);
        long la = childAddr(n, a, last);
        Object lc = la != 0 ? null : child(n, a, last);
        if (level > BITS) {
            // The loop above leaves first < last here: two paths, one below each.
            keepFrom(out, f - (first << level), level - BITS, fc, fa);
            fc = out.obj;
            fa = out.addr;
            keepFirst(out, e - (last << level), level - BITS, lc, la);
            lc = out.obj;
            la = out.addr;
        }
        copyBranch(out, n, a, null);
        for (int i = 0; i < first; i++) {
            setChild(out.obj, out.addr, i, null, 0);
        }
        for (int i = last + 1; i < WIDTH; i++) {
            setChild(out.obj, out.addr, i, null, 0);
        }
        setChild(out.obj, out.addr, first, fc, fa);
        setChild(out.obj, out.addr, last, lc, la);
    }

    /**
     * The first position below the root {@link #sliceLeaves} chose for a slice from position
     * {@code from} whose new shift is {@code newShift}: positions in the slice's trie are the old
     * ones minus this.
     */
    static int sliceBase(int from, int newShift) {
        int bits = newShift + BITS;
        return bits >= Integer.SIZE - 1 ? 0 : (from >>> bits) << bits;
    }

    /** A copy of the branch {@code (n, a)} at {@code level} holding only its first {@code count} positions. */
    private void keepFirst(Ref out, int count, int level, Object n, long a) {
        if (count >>> level == WIDTH) {
            // Every position: the branch as it is.
            out.set(n, a);
            return;
        }
        int last = ((count - 1) >>> level) & MASK;
        long ca = childAddr(n, a, last);
        Object c = ca != 0 ? null : child(n, a, last);
        if (level > BITS) {
            keepFirst(out, count - (last << level), level - BITS, c, ca);
            c = out.obj;
            ca = out.addr;
        }
        // One block move, then the children after the path emptied: cheaper than setting the
        // children it keeps one by one (measured on a slice without the first element of 10^6).
        copyBranch(out, n, a, null);
        for (int i = last + 1; i < WIDTH; i++) {
            setChild(out.obj, out.addr, i, null, 0);
        }
        setChild(out.obj, out.addr, last, c, ca);
    }

    /** A copy of the branch {@code (n, a)} at {@code level} without the positions before {@code from}. */
    private void keepFrom(Ref out, int from, int level, Object n, long a) {
        if (from == 0) {
            // Every position: the branch as it is.
            out.set(n, a);
            return;
        }
        int first = (from >>> level) & MASK;
        long ca = childAddr(n, a, first);
        Object c = ca != 0 ? null : child(n, a, first);
        boolean childCut = false;
        if (level > BITS) {
            keepFrom(out, from & ((1 << level) - 1), level - BITS, c, ca);
            childCut = out.obj != c || out.addr != ca;
            c = out.obj;
            ca = out.addr;
        }
        if (!childCut && noChildBefore(n, a, first)) {
            // Nothing to drop here or below (a cut inside a leaf, or before it an earlier slice's):
            // the branch as it is. So a vector taken from the front one element at a time copies
            // a branch once per leaf it leaves, not at every step.
            out.set(n, a);
            return;
        }
        copyBranch(out, n, a, null);
        for (int i = 0; i < first; i++) {
            setChild(out.obj, out.addr, i, null, 0);
        }
        setChild(out.obj, out.addr, first, c, ca);
    }

    /** Whether the children of the branch {@code (n, a)} before child {@code k} are all "no node". */
    private boolean noChildBefore(Object n, long a, int k) {
        for (int i = 0; i < k; i++) {
            if (!isNull(child(n, a, i), childAddr(n, a, i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The trie without its last leaf, for a vector whose elements end at position {@code end} and
     * whose tail holds one.
     * Writes the new root ("no node" if the trie becomes empty) and returns the new shift.
     */
    final int popTailLeaf(Ref out, int end, int shift, Object root, long rootA, Edit edit) {
        popTail(out, end, shift, root, rootA, edit);
        if (isNull(out.obj, out.addr)) {
            emptyRoot(out);
            return BITS;
        }
        if (shift > BITS) {
            Object r = out.obj;
            long ra = out.addr;
            Object c = child(r, ra, 0);
            long ca = childAddr(r, ra, 0);
            // Only child 0 left: it becomes the root. A slice's root may have no child 0 (it
            // dropped those positions); it keeps its height, as its positions cannot move here.
            if (isNull(child(r, ra, 1), childAddr(r, ra, 1)) && !isNull(c, ca)) {
                retire(out, r, ra, edit);
                out.set(c, ca);
                return shift - BITS;
            }
        }
        return shift;
    }

    private void popTail(Ref out, int end, int level, Object n, long a, Edit edit) {
        int k = ((end - 2) >>> level) & MASK;
        if (level > BITS) {
            popTail(out, end, level - BITS, child(n, a, k), childAddr(n, a, k), edit);
            if (isNull(out.obj, out.addr) && k == 0) {
                retire(out, n, a, edit);
                return;
            }
            Object c = out.obj;
            long ca = out.addr;
            editableBranch(out, n, a, edit);
            setChild(out.obj, out.addr, k, c, ca);
        } else if (k == 0) {
            retire(out, n, a, edit);
            out.set(null, 0);
        } else {
            editableBranch(out, n, a, edit);
            setChild(out.obj, out.addr, k, null, 0);
        }
    }
}
