package dev.arbor.collections.champ;

/**
 * The difference or the intersection of two tries by structure: the entries of {@code left}
 * whose keys {@code right} lacks ({@link #minus}) or holds ({@link #retain}), found by walking
 * both tries place by place at once, as {@link TrieUnion} joins them. A subtree both share
 * (the same node) goes whole (difference) or stays whole (intersection) without being read but
 * for its headers (to count its keys); where {@code right} holds nothing, {@code left}'s subtree
 * stays shared (difference) or goes without being read (intersection); a node is built again
 * only where some but not all of its keys go. The result holds only {@code left}'s nodes, entries
 * and key objects and new nodes, never {@code right}'s, so {@code right} may be of another layout
 * (a set against a map) as long as its key codec is the same: equal keys have equal key words and
 * sit in the same places.
 *
 * <p>The result is canonical (the shape {@code left}'s remaining entries would have if put one
 * by one): a sub-trie left with one entry becomes an entry of its parent, one left with none
 * disappears, as {@link ChampTrie#remove} does for a single key.
 */
final class TrieFilter {
    /** What a sub-trie became: nothing, one entry (carried in the {@link Op}'s singleton fields), or a node. */
    private static final int EMPTY = 0;
    private static final int SINGLETON = 1;
    private static final int NODE = 2;

    private final ChampTrie left;
    private final ChampTrie right;
    /** Whether an entry stays when {@code right} holds its key (intersection) or when it lacks it (difference). */
    private final boolean keepHeld;
    private final Op op;
    private final NodeParts[] scratch = new NodeParts[ChampTrie.LEVELS];
    /** Keys removed (difference) or kept (intersection): what costs least to count in each. */
    private int counted;

    private TrieFilter(ChampTrie left, ChampTrie right, boolean keepHeld, Op op) {
        this.left = left;
        this.right = right;
        this.keepHeld = keepHeld;
        this.op = op;
    }

    /**
     * The smallest argument (in keys) for which a difference from a trie of {@code size} keys
     * runs by structure. A small argument is removed key by key instead: the walk visits every
     * place of each node it enters, where a removal visits one path. Measured with
     * {@code collections.SetFilterBenchmark}: without 1% of its own elements built separately,
     * key by key is faster at 10^3 and at 10^6; without as many other elements, by structure is.
     */
    static int minArgumentSize(int size) {
        return Math.max(1, size / 32);
    }

    /**
     * The trie rooted at {@code (n, a)} in format {@code left} without the keys of the trie rooted
     * at {@code (m, b)} in format {@code right} (same key codec), as one operation: rolled back if
     * it fails, else committed. The result is in {@link Op#obj}/{@link Op#addr} ({@code left}'s
     * empty node if nothing is left), the number of keys removed in {@link Op#removedKeys}.
     */
    static Op minus(ChampTrie left, Object n, long a, ChampTrie right, Object m, long b) {
        TrieFilter f = run(left, n, a, right, m, b, false);
        f.op.removedKeys = f.counted;
        return f.op;
    }

    /**
     * {@link #minus}'s counterpart: the entries of the trie rooted at {@code (n, a)}, of
     * {@code size} keys, whose keys the trie rooted at {@code (m, b)} holds.
     */
    static Op retain(ChampTrie left, Object n, long a, int size, ChampTrie right, Object m, long b) {
        TrieFilter f = run(left, n, a, right, m, b, true);
        f.op.removedKeys = size - f.counted;
        return f.op;
    }

    private static TrieFilter run(ChampTrie left, Object n, long a, ChampTrie right, Object m, long b, boolean keepHeld) {
        TrieFilter f = new TrieFilter(left, right, keepHeld, new Op(null));
        try {
            // The root never carries its last entry up (result() builds it): empty or a node.
            if (f.filter(n, a, m, b, 0) == EMPTY) {
                left.empty(f.op);
            }
        } catch (Throwable e) {
            f.op.rollback(e);
            throw e;
        }
        f.op.commit();
        return f;
    }

    private int filter(Object n, long a, Object m, long b, int shift) {
        if (n == m && a == b) {
            return keepHeld ? keepWhole(n, a, shift) : dropWhole(n, a, shift);
        }
        if (shift >= ChampTrie.HASH_BITS) {
            return filterCollisions(n, a, m, b);
        }
        long h = left.header(n, a);
        long g = right.header(m, b);
        int dataN = ChampTrie.low(h);
        int nodeN = ChampTrie.high(h);
        int dataM = ChampTrie.low(g);
        int nodeM = ChampTrie.high(g);
        int daN = Integer.bitCount(dataN);
        int daM = Integer.bitCount(dataM);
        if (((dataM | nodeM) & (dataN | nodeN)) == 0) {
            return keepHeld ? dropWhole(n, a, shift) : keepWhole(n, a, shift);
        }
        NodeParts parts = NodeParts.at(scratch, shift / ChampTrie.BITS);
        boolean changed = false;
        for (int rest = dataN | nodeN; rest != 0; rest &= rest - 1) {
            int bit = rest & -rest;
            if ((dataN & bit) != 0) {
                int i = ChampTrie.index(dataN, bit);
                long kw = left.keyWord(n, a, i);
                Object kr = left.kr(n, a, i);
                if (holdsAt(bit, kw, kr, m, b, dataM, nodeM, daM, shift) == keepHeld) {
                    parts.entry(bit, kw, kr, left.vw(n, a, i), left.vr(n, a, i));
                    counted += keepHeld ? 1 : 0;
                } else {
                    counted += keepHeld ? 0 : 1;
                    changed = true;
                }
                continue;
            }
            int ci = ChampTrie.index(nodeN, bit);
            Object cn = left.child(n, a, daN, ci);
            long cna = left.childAddr(n, a, daN, ci);
            int below = shift + ChampTrie.BITS;
            int kind;
            if ((nodeM & bit) != 0) {
                int cj = ChampTrie.index(nodeM, bit);
                kind = filter(cn, cna, right.child(m, b, daM, cj), right.childAddr(m, b, daM, cj), below);
            } else if ((dataM & bit) != 0) {
                int j = ChampTrie.index(dataM, bit);
                kind = keepHeld ? keepOne(cn, cna, right.keyWord(m, b, j), right.kr(m, b, j), below)
                        : removeOne(cn, cna, right.keyWord(m, b, j), right.kr(m, b, j), below);
            } else {
                kind = keepHeld ? dropWhole(cn, cna, below) : keepWhole(cn, cna, below);
            }
            if (kind == EMPTY) {
                changed = true;
            } else if (kind == SINGLETON) {
                op.singleton = false;
                CarriedEntry e = op.carried();
                parts.entry(bit, e.keyWord, e.keyRef, e.valueWord, e.valueRef);
                changed = true;
            } else if (op.obj == cn && op.addr == cna) {
                parts.child(bit, cn, cna, left.childWords(n, a, daN, ci, cn, cna));
            } else {
                parts.child(bit, op.obj, op.addr, null);
                changed = true;
            }
        }
        return result(parts, changed, n, a, shift);
    }

    /** {@code left}'s sub-trie {@code (n, a)} stays as it is. */
    private int keepWhole(Object n, long a, int shift) {
        if (keepHeld) {
            counted += left.count(n, a, shift);
        }
        op.set(n, a);
        return NODE;
    }

    /** {@code left}'s sub-trie {@code (n, a)} goes. */
    private int dropWhole(Object n, long a, int shift) {
        if (!keepHeld) {
            counted += left.count(n, a, shift);
        }
        return EMPTY;
    }

    /** Whether {@code right}'s node {@code (m, b)} holds the key {@code (kw, kr)} in place {@code bit} or below it. */
    private boolean holdsAt(int bit, long kw, Object kr, Object m, long b, int dataM, int nodeM, int daM, int shift) {
        if ((dataM & bit) != 0) {
            return right.keyEquals(m, b, ChampTrie.index(dataM, bit), kw, kr);
        }
        if ((nodeM & bit) != 0) {
            int cj = ChampTrie.index(nodeM, bit);
            return right.holds(right.child(m, b, daM, cj), right.childAddr(m, b, daM, cj), kw, kr,
                    left.hash(kw, kr), shift + ChampTrie.BITS) != ChampTrie.ABSENT;
        }
        return false;
    }

    /** {@code left}'s sub-trie {@code (n, a)} (two entries or more) without the one key {@code (kw, kr)}. */
    private int removeOne(Object n, long a, long kw, Object kr, int shift) {
        op.removed = false;
        op.singleton = false;
        left.remove(op, n, a, kw, kr, left.hash(kw, kr), shift);
        if (!op.removed) {
            return NODE;
        }
        counted++;
        return op.singleton ? SINGLETON : NODE;
    }

    /** Of {@code left}'s sub-trie {@code (n, a)} at {@code shift}, only its entry of key {@code (kw, kr)}, if any. */
    private int keepOne(Object n, long a, long kw, Object kr, int shift) {
        int hash = left.hash(kw, kr);
        while (true) {
            long h = left.header(n, a);
            if (shift >= ChampTrie.HASH_BITS) {
                for (int i = 0, count = ChampTrie.high(h); i < count; i++) {
                    if (left.keyEquals(n, a, i, kw, kr)) {
                        return keepOnly(n, a, i);
                    }
                }
                return EMPTY;
            }
            int dataMap = ChampTrie.low(h);
            int nodeMap = ChampTrie.high(h);
            int bit = ChampTrie.bit(hash, shift);
            if ((dataMap & bit) != 0) {
                int i = ChampTrie.index(dataMap, bit);
                return left.keyEquals(n, a, i, kw, kr) ? keepOnly(n, a, i) : EMPTY;
            }
            if ((nodeMap & bit) == 0) {
                return EMPTY;
            }
            int da = Integer.bitCount(dataMap);
            int ci = ChampTrie.index(nodeMap, bit);
            Object c = left.child(n, a, da, ci);
            a = left.childAddr(n, a, da, ci);
            n = c;
            shift += ChampTrie.BITS;
        }
    }

    private int keepOnly(Object n, long a, int i) {
        counted++;
        carryUp(n, a, i);
        return SINGLETON;
    }

    /** The filter at the collision level: {@code left}'s entries that {@code right}'s node holds, or lacks. */
    private int filterCollisions(Object n, long a, Object m, long b) {
        long h = left.header(n, a);
        int count = ChampTrie.high(h);
        boolean[] stays = new boolean[count];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            long kw = left.keyWord(n, a, i);
            Object kr = left.kr(n, a, i);
            stays[i] = (right.holds(m, b, kw, kr, left.hash(kw, kr), ChampTrie.HASH_BITS) != ChampTrie.ABSENT) == keepHeld;
            if (stays[i]) {
                kept++;
            }
        }
        counted += keepHeld ? kept : count - kept;
        if (kept == count) {
            op.set(n, a);
            return NODE;
        }
        if (kept == 0) {
            return EMPTY;
        }
        if (kept == 1) {
            for (int i = 0; i < count; i++) {
                if (stays[i]) {
                    carryUp(n, a, i);
                }
            }
            return SINGLETON;
        }
        left.newEntries(op, ChampTrie.collisionHeader(ChampTrie.low(h), kept), kept, op.edit);
        for (int i = 0, k = 0; i < count; i++) {
            if (stays[i]) {
                left.setEntry(op.obj, op.addr, k++, left.keyWord(n, a, i), left.kr(n, a, i), left.vw(n, a, i), left.vr(n, a, i));
            }
        }
        return NODE;
    }

    /** What a bitmap node of {@code left} whose places are now {@code parts} becomes. */
    private int result(NodeParts parts, boolean changed, Object n, long a, int shift) {
        if (!changed) {
            op.set(n, a);
            return NODE;
        }
        if (parts.children == 0 && parts.entries == 0) {
            return EMPTY;
        }
        if (parts.children == 0 && parts.entries == 1 && shift > 0) {
            op.carry(parts.kws[0], parts.krs[0], parts.vws[0], parts.vrs[0]);
            return SINGLETON;
        }
        left.build(op, parts);
        return NODE;
    }

    private void carryUp(Object n, long a, int i) {
        op.carry(left.keyWord(n, a, i), left.kr(n, a, i), left.vw(n, a, i), left.vr(n, a, i));
    }
}
