package dev.arbor.collections.champ;

import dev.arbor.api.Allocator;
import dev.arbor.collections.node.NativeNodes;

/**
 * The union of two tries by structure ({@code plusAll} of two maps or of two sets): every entry
 * of the right trie put into the left one, found by walking both place by place at once
 * ({@link #putAll}). It walks two tries with state of its own (the operation, one
 * {@link NodeParts} per level) rather than editing one trie by one key, so it stands beside
 * {@link ChampTrie}, as {@link TrieFilter}'s difference and intersection do.
 */
final class TrieUnion {
    /** The format of both tries and of the nodes the union makes. */
    private final ChampTrie trie;
    private final Op op;
    /** One {@link NodeParts} per level, made on first use and reused by every node of that level. */
    private final NodeParts[] scratch = new NodeParts[ChampTrie.LEVELS];

    private TrieUnion(ChampTrie trie, Op op) {
        this.trie = trie;
        this.op = op;
    }

    /**
     * The format in which a union of a value of {@code left} with a value of {@code right} (same
     * codecs) runs by structure on this thread, or {@code null}: the caller then adds entry by
     * entry. The union's result holds nodes of both values, so the format new nodes are made in
     * here ({@link ChampTrie#forUpdate}) must be able to point to {@code right}'s: the same format
     * (both managed, or one lineage of native updates), or a native format of the same memory,
     * made mixed ({@link ChampTrie#withManagedSubtrees}) where {@code right} is managed or may hold
     * managed subtrees. A managed result can never hold native nodes.
     */
    static ChampTrie format(ChampTrie left, ChampTrie right, boolean emptyValue, String what) {
        ChampTrie t = left.forUpdate(emptyValue, what);
        if (right == left && t == left) {
            return left;
        }
        Allocator target = t.allocator();
        if (target == null) {
            return null;
        }
        Allocator source = right.allocator();
        if (source != null && !NativeNodes.sameMemory(target, source)) {
            return null;
        }
        return source == null || right.mixed() ? t.withManagedSubtrees() : t;
    }

    /**
     * {@link #putAll} of two roots in format {@code trie} ({@link #format}) as one operation:
     * rolled back if it fails, else committed.
     */
    static Op plus(ChampTrie trie, Object n, long a, Object m, long b) {
        TrieUnion u = new TrieUnion(trie, new Op(null));
        try {
            u.putAll(n, a, m, b, 0);
        } catch (Throwable e) {
            u.op.rollback(e);
            throw e;
        }
        u.op.commit();
        return u.op;
    }

    /**
     * Puts every entry of the trie rooted at {@code (m, b)} into the trie rooted at {@code (n, a)},
     * both at {@code shift} and both of format {@code trie}, so that the result may hold nodes of
     * either: the values of {@code (m, b)} win, as {@link java.util.Map#putAll}'s do, and the keys
     * of {@code (n, a)} stay. A subtree only one side has is shared whole, and so is a subtree both
     * share; a node is built again only where both sides hold something in the same place, so
     * joining a map with one made from it costs the paths they do not share. The result goes to
     * {@code op}, the number of keys of {@code (m, b)} that {@code (n, a)} lacked to
     * {@link Op#addedKeys}. Canonical inputs give a canonical result: a union never removes an
     * entry, and every new sub-trie holds at least two.
     */
    private void putAll(Object n, long a, Object m, long b, int shift) {
        if (n == m && a == b) {
            op.set(n, a);
            return;
        }
        if (shift >= ChampTrie.HASH_BITS) {
            putEachCollision(n, a, m, b);
            return;
        }
        Object wn = trie.words(n, a);
        Object wm = trie.words(m, b);
        long h = trie.headerIn(wn, a);
        long g = trie.headerIn(wm, b);
        int dataN = ChampTrie.low(h);
        int nodeN = ChampTrie.high(h);
        int dataM = ChampTrie.low(g);
        int nodeM = ChampTrie.high(g);
        int daN = Integer.bitCount(dataN);
        int daM = Integer.bitCount(dataM);
        NodeParts u = NodeParts.at(scratch, shift / ChampTrie.BITS);
        if (dataN == dataM && nodeN == nodeM
                && putAllSameShape(u, n, a, wn, m, b, wm, daN, Integer.bitCount(nodeN), shift)) {
            return;
        }
        boolean changed = false;
        for (int rest = dataN | nodeN | dataM | nodeM; rest != 0; rest &= rest - 1) {
            int bit = rest & -rest;
            if ((dataM & bit) != 0) {
                int j = ChampTrie.index(dataM, bit);
                changed |= putEntryOf(u, bit, n, a, wn, dataN, nodeN, daN, m, b, wm, j, shift);
            } else if ((nodeM & bit) != 0) {
                int cj = ChampTrie.index(nodeM, bit);
                Object cm = trie.child(m, b, daM, cj);
                long cmb = trie.childAddr(m, b, daM, cj);
                Object cmw = trie.childWords(m, b, daM, cj, cm, cmb);
                if ((nodeN & bit) != 0) {
                    int ci = ChampTrie.index(nodeN, bit);
                    Object cn = trie.child(n, a, daN, ci);
                    long cna = trie.childAddr(n, a, daN, ci);
                    putAll(cn, cna, cm, cmb, shift + ChampTrie.BITS);
                    if (op.obj == cn && op.addr == cna) {
                        u.child(bit, cn, cna, trie.childWords(n, a, daN, ci, cn, cna));
                    } else {
                        changed = true;
                        u.child(bit, op.obj, op.addr, null);
                    }
                } else if ((dataN & bit) != 0) {
                    putEntryInto(u, bit, n, a, ChampTrie.index(dataN, bit), cm, cmb, cmw, shift);
                    changed = true;
                } else {
                    op.addedKeys += trie.count(cm, cmb, shift + ChampTrie.BITS);
                    u.child(bit, cm, cmb, cmw);
                    changed = true;
                }
            } else if ((dataN & bit) != 0) {
                int i = ChampTrie.index(dataN, bit);
                u.entry(bit, trie.keyWordIn(wn, a, i), trie.kr(n, a, i), trie.valInline ? trie.valWordIn(wn, a, i) : 0, trie.vr(n, a, i));
            } else {
                int ci = ChampTrie.index(nodeN, bit);
                Object cn = trie.child(n, a, daN, ci);
                long cna = trie.childAddr(n, a, daN, ci);
                u.child(bit, cn, cna, trie.childWords(n, a, daN, ci, cn, cna));
            }
        }
        if (!changed) {
            op.set(n, a);
            return;
        }
        if (u.dataMap == dataN && u.nodeMap == nodeN) {
            // Only values and children changed (a map made from this one by updates, say): a copy
            // of the node with those written over, rather than a node filled entry by entry.
            trie.copy(op, n, a, daN, u.children, op.edit);
            for (int i = 0; i < u.entries; i++) {
                if (trie.valInline ? trie.vw(n, a, i) != u.vws[i] : trie.hasValues && trie.vr(n, a, i) != u.vrs[i]) {
                    trie.setValue(op.obj, op.addr, i, u.vws[i], u.vrs[i]);
                }
            }
            for (int ci = 0; ci < u.children; ci++) {
                if (trie.child(n, a, daN, ci) != u.cs[ci] || trie.childAddr(n, a, daN, ci) != u.cas[ci]) {
                    trie.setChild(op.obj, op.addr, daN, ci, u.cs[ci], u.cas[ci], u.cws[ci]);
                }
            }
            return;
        }
        trie.build(op, u);
    }

    /**
     * {@link #putAll} of two nodes of one shape, the common case between maps made from one
     * another: if both hold the same keys in the same places (else it returns false, having done
     * nothing), the children are joined place by place and the result is the left node where
     * nothing changed, the right node where it is what the union would build (its values, its
     * children, the same key objects), else a copy of the left node with the right's values and
     * the joined children. So joining a map with one made from it by updates shares the updated
     * paths and allocates nothing.
     */
    private boolean putAllSameShape(NodeParts u, Object n, long a, Object wn, Object m, long b, Object wm,
                                    int da, int na, int shift) {
        boolean valuesSame = true;
        boolean keysIdentical = true;
        for (int i = 0; i < da; i++) {
            if (trie.keyWordIn(wn, a, i) != trie.keyWordIn(wm, b, i)) {
                return false;
            }
            if (!trie.keyInline) {
                Object kn = trie.keyRef(n, a, i);
                Object km = trie.keyRef(m, b, i);
                if (!trie.userEquals(km, kn)) {
                    return false;
                }
                keysIdentical &= kn == km;
            }
            if (trie.hasValues && (trie.valInline ? trie.valWordIn(wn, a, i) != trie.valWordIn(wm, b, i) : trie.valRef(n, a, i) != trie.valRef(m, b, i))) {
                valuesSame = false;
            }
        }
        boolean childrenLeft = true;
        boolean childrenRight = true;
        for (int ci = 0; ci < na; ci++) {
            Object cn = trie.child(n, a, da, ci);
            long cna = trie.childAddr(n, a, da, ci);
            Object cm = trie.child(m, b, da, ci);
            long cmb = trie.childAddr(m, b, da, ci);
            putAll(cn, cna, cm, cmb, shift + ChampTrie.BITS);
            boolean left = op.obj == cn && op.addr == cna;
            boolean right = op.obj == cm && op.addr == cmb;
            childrenLeft &= left;
            childrenRight &= right;
            u.child(0, op.obj, op.addr, left ? trie.childWords(n, a, da, ci, cn, cna) : right ? trie.childWords(m, b, da, ci, cm, cmb) : null);
        }
        if (valuesSame && childrenLeft) {
            op.set(n, a);
        } else if (keysIdentical && childrenRight) {
            op.set(m, b);
        } else {
            trie.copy(op, n, a, da, na, op.edit);
            for (int i = 0; i < da && !valuesSame; i++) {
                trie.setValue(op.obj, op.addr, i, trie.valInline ? trie.valWordIn(wm, b, i) : 0, trie.vr(m, b, i));
            }
            for (int ci = 0; ci < na; ci++) {
                if (u.cs[ci] != trie.child(n, a, da, ci) || u.cas[ci] != trie.childAddr(n, a, da, ci)) {
                    trie.setChild(op.obj, op.addr, da, ci, u.cs[ci], u.cas[ci], u.cws[ci]);
                }
            }
        }
        return true;
    }

    /**
     * {@link #putAll}'s place {@code bit} where {@code (m, b)} holds its entry {@code j}: joined
     * with what {@code (n, a)} holds there (an entry, a child or nothing). Returns whether the
     * place changed.
     */
    private boolean putEntryOf(NodeParts u, int bit, Object n, long a, Object wn, int dataN, int nodeN, int daN,
                               Object m, long b, Object wm, int j, int shift) {
        // The words of both nodes come from the caller, read once per node (as lookups carry them).
        long kw = trie.keyWordIn(wm, b, j);
        Object kr = trie.kr(m, b, j);
        long vw = trie.valInline ? trie.valWordIn(wm, b, j) : 0;
        Object vr = trie.vr(m, b, j);
        if ((dataN & bit) != 0) {
            int i = ChampTrie.index(dataN, bit);
            long okw = trie.keyWordIn(wn, a, i);
            long ovw = trie.valInline ? trie.valWordIn(wn, a, i) : 0;
            Object okr = trie.kr(n, a, i);
            if (okw == kw && (trie.keyInline || trie.userEquals(kr, okr))) {
                // The key stays, the value is the one put (as replaceValue does).
                u.entry(bit, kw, okr, vw, vr);
                return trie.valInline ? ovw != vw : trie.vr(n, a, i) != vr;
            }
            trie.merge(op, okw, okr, ovw, trie.vr(n, a, i), trie.hash(okw, okr), kw, kr, vw, vr, trie.hash(kw, kr), shift + ChampTrie.BITS);
            u.child(bit, op.obj, op.addr, null);
            op.addedKeys++;
            return true;
        }
        if ((nodeN & bit) != 0) {
            int ci = ChampTrie.index(nodeN, bit);
            Object cn = trie.child(n, a, daN, ci);
            long cna = trie.childAddr(n, a, daN, ci);
            clearFlags(op);
            trie.put(op, cn, cna, kw, kr, vw, vr, trie.hash(kw, kr), shift + ChampTrie.BITS);
            if (op.added) {
                op.addedKeys++;
            }
            u.child(bit, op.obj, op.addr, null);
            return op.obj != cn || op.addr != cna;
        }
        u.entry(bit, kw, kr, vw, vr);
        op.addedKeys++;
        return true;
    }

    /**
     * {@link #putAll}'s place {@code bit} where {@code (n, a)} holds its entry {@code i} and
     * {@code (m, b)} the child {@code (cm, cmb)}: the child with the entry put in; where the child
     * has the entry's key, the child's value wins and the entry's key object stays, as
     * {@link java.util.Map#putAll} keeps the keys a map had.
     */
    private void putEntryInto(NodeParts u, int bit, Object n, long a, int i, Object cm, long cmb, Object cmw, int shift) {
        long kw = trie.keyWord(n, a, i);
        Object kr = trie.kr(n, a, i);
        int hash = trie.hash(kw, kr);
        int below = shift + ChampTrie.BITS;
        int has = trie.holds(cm, cmb, kw, kr, hash, below);
        if (has == ChampTrie.ABSENT) {
            int fromM = trie.count(cm, cmb, below);
            clearFlags(op);
            trie.put(op, cm, cmb, kw, kr, trie.vw(n, a, i), trie.vr(n, a, i), hash, below);
            op.addedKeys += fromM;
        } else if (has == ChampTrie.SAME_KEY) {
            op.addedKeys += trie.count(cm, cmb, below) - 1;
            u.child(bit, cm, cmb, cmw);
            return;
        } else {
            // An equal key, another object: join the child into a node of the entry alone, so that
            // the entry's key meets the child's as a map's key meets a put one. That node is
            // temporary (a canonical trie never holds it) and retired with the operation.
            trie.newEntries(op, below >= ChampTrie.HASH_BITS ? ChampTrie.collisionHeader(hash, 1)
                    : ChampTrie.bitmapHeader(ChampTrie.bit(hash, below), 0), 1, op.edit);
            Object t = op.obj;
            long ta = op.addr;
            trie.setEntry(t, ta, 0, kw, kr, trie.vw(n, a, i), trie.vr(n, a, i));
            putAll(t, ta, cm, cmb, below);
            trie.retire(op, t, ta, 1, 0);
        }
        u.child(bit, op.obj, op.addr, null);
    }

    /** {@link #putAll} at the collision level: the entries of {@code (m, b)} put one by one. */
    private void putEachCollision(Object n, long a, Object m, long b) {
        int count = ChampTrie.high(trie.header(m, b));
        Object r = n;
        long ra = a;
        for (int j = 0; j < count; j++) {
            long kw = trie.keyWord(m, b, j);
            Object kr = trie.kr(m, b, j);
            clearFlags(op);
            trie.put(op, r, ra, kw, kr, trie.vw(m, b, j), trie.vr(m, b, j), trie.hash(kw, kr), ChampTrie.HASH_BITS);
            if (op.added) {
                op.addedKeys++;
            }
            r = op.obj;
            ra = op.addr;
        }
        op.set(r, ra);
    }

    /** Clears what a previous put of the same operation reported, so that the next one reports its own. */
    private static void clearFlags(Op op) {
        op.added = false;
        op.replaced = false;
    }
}
