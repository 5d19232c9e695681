package dev.arbor.collections.champ;

import java.util.NoSuchElementException;

/**
 * A depth-first walk over a trie's entries: a node's own entries first, then its children in
 * order. Holds at most one node per level (8 levels: shifts 0 to 35).
 */
final class Cursor {
    private static final int LEVELS = ChampTrie.LEVELS;

    private final ChampTrie trie;
    private final Object[] nodes = new Object[LEVELS];
    private final long[] addrs = new long[LEVELS];
    private final int[] nextChild = new int[LEVELS];
    private final int[] children = new int[LEVELS];
    private final int[] datas = new int[LEVELS];
    /** The level of the node the walk started from: it never climbs above it. */
    private final int floor;
    private int depth;
    private int nextEntry;
    private int entries;
    private int remaining;
    /** The node and index of the entry {@link #advance()} moved to. */
    Object node;
    long addr;
    int index;

    /** A walk over the whole trie of {@code size} entries rooted at {@code (root, rootAddr)}. */
    Cursor(ChampTrie trie, Object root, long rootAddr, int size) {
        this(trie, root, rootAddr, 0, size);
    }

    private Cursor(ChampTrie trie, Object n, long a, int level, int size) {
        this.trie = trie;
        this.remaining = size;
        this.floor = level;
        enter(level, n, a);
    }

    /** A walk over the sub-trie rooted at {@code (n, a)} at {@code level}, its size unknown: see {@link #advanceIfAny}. */
    static Cursor below(ChampTrie trie, Object n, long a, int level) {
        return new Cursor(trie, n, a, level, Integer.MAX_VALUE);
    }

    private void enter(int level, Object n, long a) {
        long h = trie.header(n, a);
        int shift = level * ChampTrie.BITS;
        depth = level;
        nodes[level] = n;
        addrs[level] = a;
        nextChild[level] = 0;
        children[level] = ChampTrie.nodeArity(h, shift);
        entries = ChampTrie.dataArity(h, shift);
        datas[level] = entries;
        nextEntry = 0;
    }

    boolean hasNext() {
        return remaining > 0;
    }

    /** Moves to the next entry if there is one; false, moving nowhere, at the end of the sub-trie. */
    boolean advanceIfAny() {
        while (nextEntry >= entries) {
            while (nextChild[depth] >= children[depth]) {
                if (depth == floor) {
                    return false;
                }
                depth--;
                entries = 0;
            }
            int ci = nextChild[depth]++;
            Object p = nodes[depth];
            long pa = addrs[depth];
            int da = datas[depth];
            enter(depth + 1, trie.child(p, pa, da, ci), trie.childAddr(p, pa, da, ci));
        }
        node = nodes[depth];
        addr = addrs[depth];
        index = nextEntry++;
        return true;
    }

    /** Moves to the next entry. */
    void advance() {
        if (remaining <= 0 || !advanceIfAny()) {
            throw new NoSuchElementException("the iteration has no more entries");
        }
        remaining--;
    }
}
