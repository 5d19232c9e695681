package dev.arbor.collections.champ;

/**
 * The difference of two tries by structure: the trie of {@code left} without every key that
 * {@code right} holds, walked place by place in both at once, as {@link ChampTrie#union} joins
 * them. A subtree both share (the same node) goes whole without being read but for its headers
 * (to count its keys); a subtree of {@code left} where {@code right} holds nothing stays, shared;
 * a node is built again only where a key goes. The result holds only {@code left}'s nodes and new
 * ones, never {@code right}'s, so {@code right} may be of another layout (a set against a map)
 * as long as its key codec is the same: equal keys have equal key words and sit in the same
 * places.
 *
 * <p>The result is canonical (the shape {@code left}'s remaining entries would have if put one
 * by one): a sub-trie left with one entry becomes an entry of its parent, one left with none
 * disappears, as {@link ChampTrie#remove} does for a single key.
 */
final class TrieDifference {
    /** What a sub-trie became: nothing, one entry (carried in the {@link Op}'s singleton fields), or a node. */
    private static final int EMPTY = 0;
    private static final int SINGLETON = 1;
    private static final int NODE = 2;

    private final ChampTrie left;
    private final ChampTrie right;
    private final Op op;
    private final NodeParts[] scratch = new NodeParts[ChampTrie.LEVELS];

    private TrieDifference(ChampTrie left, ChampTrie right, Op op) {
        this.left = left;
        this.right = right;
        this.op = op;
    }

    /**
     * The smallest argument (in keys) for which a difference from a trie of {@code size} keys
     * runs by structure. A small argument is removed key by key instead: the walk visits every
     * place of each node it enters, where a removal visits one path. Measured
     * ({@code collections.DifferenceBenchmark}, medians of 10): without 1% of its own elements
     * built separately, by structure 1.38 us against 0.74 key by key at 10^3, 0.233 against 0.178
     * ms at 10^6; without as many other elements, 7.3 against 31.8 us and 14.6 against 74 ms.
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
        Op op = new Op(null);
        try {
            TrieDifference d = new TrieDifference(left, right, op);
            // The root never carries its last entry up (result() builds it): empty or a node.
            if (d.minus(n, a, m, b, 0) == EMPTY) {
                left.empty(op);
            }
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        op.commit();
        return op;
    }

    private int minus(Object n, long a, Object m, long b, int shift) {
        if (n == m && a == b) {
            op.removedKeys += left.count(n, a, shift);
            return EMPTY;
        }
        if (shift >= ChampTrie.HASH_BITS) {
            return minusCollisions(n, a, m, b);
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
            op.set(n, a);
            return NODE;
        }
        NodeParts parts = NodeParts.at(scratch, shift / ChampTrie.BITS);
        boolean changed = false;
        for (int rest = dataN | nodeN; rest != 0; rest &= rest - 1) {
            int bit = rest & -rest;
            if ((dataN & bit) != 0) {
                int i = ChampTrie.index(dataN, bit);
                long kw = left.keyWord(n, a, i);
                Object kr = left.kr(n, a, i);
                if (holdsAt(bit, kw, kr, m, b, dataM, nodeM, daM, shift)) {
                    op.removedKeys++;
                    changed = true;
                } else {
                    parts.entry(bit, kw, kr, left.vw(n, a, i), left.vr(n, a, i));
                }
                continue;
            }
            int ci = ChampTrie.index(nodeN, bit);
            Object cn = left.child(n, a, daN, ci);
            long cna = left.childAddr(n, a, daN, ci);
            int kind;
            if ((nodeM & bit) != 0) {
                int cj = ChampTrie.index(nodeM, bit);
                kind = minus(cn, cna, right.child(m, b, daM, cj), right.childAddr(m, b, daM, cj), shift + ChampTrie.BITS);
            } else if ((dataM & bit) != 0) {
                int j = ChampTrie.index(dataM, bit);
                kind = removeOne(cn, cna, right.keyWord(m, b, j), right.kr(m, b, j), shift + ChampTrie.BITS);
            } else {
                op.set(cn, cna);
                kind = NODE;
            }
            if (kind == EMPTY) {
                changed = true;
            } else if (kind == SINGLETON) {
                op.singleton = false;
                parts.entry(bit, op.sKeyWord, op.sKeyRef, op.sValWord, op.sValRef);
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
        op.removedKeys++;
        return op.singleton ? SINGLETON : NODE;
    }

    /** The difference at the collision level: {@code left}'s entries that {@code right}'s node lacks. */
    private int minusCollisions(Object n, long a, Object m, long b) {
        long h = left.header(n, a);
        int count = ChampTrie.high(h);
        boolean[] gone = new boolean[count];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            long kw = left.keyWord(n, a, i);
            Object kr = left.kr(n, a, i);
            gone[i] = right.holds(m, b, kw, kr, left.hash(kw, kr), ChampTrie.HASH_BITS) != ChampTrie.ABSENT;
            if (!gone[i]) {
                kept++;
            }
        }
        op.removedKeys += count - kept;
        if (kept == count) {
            op.set(n, a);
            return NODE;
        }
        if (kept == 0) {
            return EMPTY;
        }
        if (kept == 1) {
            for (int i = 0; i < count; i++) {
                if (!gone[i]) {
                    carryUp(n, a, i);
                }
            }
            return SINGLETON;
        }
        left.newEntries(op, ChampTrie.collisionHeader(ChampTrie.low(h), kept), kept, op.edit);
        for (int i = 0, k = 0; i < count; i++) {
            if (!gone[i]) {
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
            op.singleton = true;
            op.sKeyWord = parts.kws[0];
            op.sKeyRef = parts.krs[0];
            op.sValWord = parts.vws[0];
            op.sValRef = parts.vrs[0];
            return SINGLETON;
        }
        left.build(op, parts);
        return NODE;
    }

    private void carryUp(Object n, long a, int i) {
        op.singleton = true;
        op.sKeyWord = left.keyWord(n, a, i);
        op.sKeyRef = left.kr(n, a, i);
        op.sValWord = left.vw(n, a, i);
        op.sValRef = left.vr(n, a, i);
    }
}
