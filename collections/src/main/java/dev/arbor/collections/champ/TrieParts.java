package dev.arbor.collections.champ;

import java.util.Arrays;

/**
 * What a {@link TrieSpliterator} has yet to yield: a run of parts (whole sub-tries, or the entries
 * of one node) and the part in progress. {@link #split()} gives half of the parts away; when one
 * sub-trie is left, it is first broken into its own entries and its children. A parallel stream
 * thus gets disjoint sub-tries without any entry being copied.
 */
final class TrieParts {
    /** A sub-trie below this many entries (estimated) is not broken up: splitting it would cost more than it saves. */
    private static final long MIN_SPLIT = 64;

    /** A sub-trie, or ({@code entriesOnly}) the entries of its root node alone. */
    private record Part(Object node, long addr, int level, boolean entriesOnly) {
    }

    private final ChampTrie trie;
    /** The parts not started: [lo, hi). */
    private Part[] parts;
    private int lo;
    private int hi;
    private long estimate;
    private boolean exact;
    /** The part in progress: a walk of a sub-trie, or the entries of a node up to {@link #entryEnd}. */
    private Cursor cursor;
    private Object entryNode;
    private long entryAddr;
    private int nextEntry;
    private int entryEnd;
    /** The entry {@link #next()} moved to: entry {@code index} of the node {@code (node, addr)}. */
    Object node;
    long addr;
    int index;

    /** All entries of the trie rooted at {@code (root, rootAddr)}, {@code size} of them. */
    TrieParts(ChampTrie trie, Object root, long rootAddr, int size) {
        this(trie, new Part[] {new Part(root, rootAddr, 0, false)}, size, true);
    }

    private TrieParts(ChampTrie trie, Part[] parts, long estimate, boolean exact) {
        this.trie = trie;
        this.parts = parts;
        this.hi = parts.length;
        this.estimate = estimate;
        this.exact = exact;
    }

    /** Moves to the next entry; false when none is left. */
    boolean next() {
        while (true) {
            if (cursor != null) {
                if (cursor.advanceIfAny()) {
                    return at(cursor.node, cursor.addr, cursor.index);
                }
                cursor = null;
            } else if (nextEntry < entryEnd) {
                return at(entryNode, entryAddr, nextEntry++);
            }
            if (lo >= hi) {
                return false;
            }
            start(lo++);
        }
    }

    /** Entry {@code i} of the node {@code (n, a)}, for {@link #forEachLeft}. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(Object n, long a, int i);
    }

    /**
     * Visits every entry left: the part in progress where it stands, then each part by the trie's
     * own walk ({@link ChampTrie#walkBelow}), with no per-entry bookkeeping. A visitor that runs
     * user code on a native trie must check liveness after it, as the walk's visitors do.
     */
    void forEachLeft(EntryVisitor visitor) {
        if (cursor != null) {
            Cursor c = cursor;
            while (c.advanceIfAny()) {
                visitor.visit(c.node, c.addr, c.index);
            }
            cursor = null;
        }
        while (nextEntry < entryEnd) {
            visitor.visit(entryNode, entryAddr, nextEntry++);
        }
        for (; lo < hi; lo++) {
            Part part = parts[lo];
            parts[lo] = null;
            if (part.entriesOnly()) {
                long h = trie.header(part.node(), part.addr());
                for (int i = 0, da = ChampTrie.dataArity(h, part.level() * ChampTrie.BITS); i < da; i++) {
                    visitor.visit(part.node(), part.addr(), i);
                }
            } else {
                trie.walkBelow(part.node(), part.addr(), part.level(), (n, a, count) -> {
                    for (int i = 0; i < count; i++) {
                        visitor.visit(n, a, i);
                    }
                });
            }
        }
        estimate = 0;
    }

    private boolean at(Object n, long a, int i) {
        node = n;
        addr = a;
        index = i;
        if (estimate > 0) {
            estimate--;
        }
        return true;
    }

    private void start(int i) {
        Part part = parts[i];
        parts[i] = null;
        if (part.entriesOnly()) {
            entryNode = part.node();
            entryAddr = part.addr();
            nextEntry = 0;
            entryEnd = ChampTrie.dataArity(trie.header(entryNode, entryAddr), part.level() * ChampTrie.BITS);
        } else {
            cursor = Cursor.below(trie, part.node(), part.addr(), part.level());
        }
    }

    /** Half of the parts not started, given away; null if fewer than two are left even after breaking up. */
    TrieParts split() {
        if (cursor == null && nextEntry >= entryEnd && hi - lo == 1 && !parts[lo].entriesOnly() && estimate >= MIN_SPLIT) {
            breakUp(parts[lo]);
        }
        int left = hi - lo;
        if (left < 2) {
            return null;
        }
        int mid = lo + left / 2;
        long givenEstimate = estimate * (hi - mid) / left;
        TrieParts other = new TrieParts(trie, Arrays.copyOfRange(parts, mid, hi), givenEstimate, false);
        hi = mid;
        estimate -= givenEstimate;
        exact = false;
        return other;
    }

    /** Replaces the one part left, a sub-trie, by its node's own entries and its children. */
    private void breakUp(Part part) {
        Object n = part.node();
        long a = part.addr();
        int shift = part.level() * ChampTrie.BITS;
        long h = trie.header(n, a);
        int da = ChampTrie.dataArity(h, shift);
        int na = ChampTrie.nodeArity(h, shift);
        Part[] broken = new Part[(da > 0 ? 1 : 0) + na];
        int k = 0;
        if (da > 0) {
            broken[k++] = new Part(n, a, part.level(), true);
        }
        for (int ci = 0; ci < na; ci++) {
            broken[k++] = new Part(trie.child(n, a, da, ci), trie.childAddr(n, a, da, ci), part.level() + 1, false);
        }
        parts = broken;
        lo = 0;
        hi = broken.length;
    }

    /** The entries left: exact until a split, an estimate after. */
    long estimate() {
        return estimate;
    }

    /** Whether {@link #estimate()} is exact. */
    boolean exact() {
        return exact;
    }
}
