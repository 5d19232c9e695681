package dev.arbor.collections.champ;

import java.util.Arrays;
import java.util.Objects;

/**
 * Builds a whole trie from a batch of puts ({@link PendingPuts}) in one pass, for a transient
 * that started empty: each node is allocated once, at its final size, and never copied.
 *
 * <p>The puts are partitioned by the 5-bit digits of their hashes, the trie's own order (a
 * most-significant-digit radix sort whose buckets are the nodes): a bucket holding one key
 * becomes an entry, a bucket holding more becomes a child built the same way one level down, and
 * at the collision level (all 32 hash bits equal) the keys are deduplicated. The partition is
 * stable, so when a key was put several times the last put wins, as with one put after another.
 * The shape is the one those puts would have made (canonical form, see {@link ChampTrie}).
 *
 * <p>Entries move between sides: side 0 is the buffer, read but never written (a failed build
 * leaves the puts as they were), sides 1 and 2 scratch of the same size, written in turn.
 * Sequential passes over them replace one random root-to-leaf descent per put. Every node goes
 * through the format's constructors, so a native format logs each block in the {@link Op} and a
 * failure rolls them all back.
 */
final class BulkLoad {
    private static final int WIDTH = ChampTrie.MASK + 1;
    private static final int LEVELS = ChampTrie.LEVELS;

    private final ChampTrie trie;
    private final Op op;
    private final long[][] keyWords = new long[SIDES][];
    private final Object[][] keyRefs = new Object[SIDES][];
    private final long[][] valueWords = new long[SIDES][];
    private final Object[][] valueRefs = new Object[SIDES][];
    /** Ranges up to this size are first tried as a leaf without the bucket pass. */
    private static final int SMALL_RANGE = 8;
    private static final int SIDES = 3;
    private static final int SIDE_BITS = 2;
    private static final int SIDE_MASK = (1 << SIDE_BITS) - 1;

    /** Per level: bucket sizes, bucket ends, the entries (index << 2 | side) and children of the node being built. */
    private final int[][] counts = new int[LEVELS][WIDTH];
    private final int[][] ends = new int[LEVELS][WIDTH];
    private final int[][] entries = new int[LEVELS][WIDTH];
    private final Object[][] children = new Object[LEVELS][WIDTH];
    private final long[][] childAddrs = new long[LEVELS][WIDTH];
    private int[] distinctScratch = new int[4];
    private int distinct;

    private BulkLoad(ChampTrie trie, Op op, PendingPuts puts) {
        this.trie = trie;
        this.op = op;
        int n = puts.count;
        keyWords[0] = puts.keyWords;
        keyRefs[0] = puts.keyRefs;
        valueWords[0] = puts.valueWords;
        valueRefs[0] = puts.valueRefs;
        for (int side = 1; side < SIDES; side++) {
            keyWords[side] = new long[n];
            keyRefs[side] = puts.keyRefs == null ? null : new Object[n];
            valueWords[side] = puts.valueWords == null ? null : new long[n];
            valueRefs[side] = puts.valueRefs == null ? null : new Object[n];
        }
    }

    /**
     * Builds the trie of {@code puts} with {@code trie}'s format into {@code op} (nodes owned by
     * {@code op.edit}, logged in {@code op}) and returns its number of entries.
     */
    static int load(ChampTrie trie, Op op, PendingPuts puts) {
        if (puts.count == 0) {
            trie.empty(op);
            return 0;
        }
        BulkLoad load = new BulkLoad(trie, op, puts);
        int single = load.build(0, 0, puts.count, 0);
        if (single >= 0) {
            // One key: the root holds it alone.
            int hash = load.hash(single & SIDE_MASK, single >>> SIDE_BITS);
            trie.newNode(op, ChampTrie.bitmapHeader(ChampTrie.bit(hash, 0), 0), 1, 0, op.edit);
            load.putEntry(op.obj, op.addr, 0, single);
            return 1;
        }
        return load.distinct;
    }

    /** The slot of a key word at {@code shift}: the digit of its hash. */
    private int digit(long kw, int shift) {
        return (trie.hash(kw, null) >>> shift) & ChampTrie.MASK;
    }

    /** The hash of put {@code i} of {@code side}: it follows from the key word (a reference key's word is its hash). */
    private int hash(int side, int i) {
        return trie.hash(keyWords[side][i], null);
    }

    /**
     * Builds the sub-trie of entries {@code [lo, hi)} of {@code side} at {@code shift}. Returns -1
     * with the node in {@link #op}, or, when the range holds a single key, that key's last put
     * as {@code index << 2 | side} (its parent inlines it).
     */
    private int build(int shift, int lo, int hi, int side) {
        int m = hi - lo;
        if (m == 1) {
            return lo << SIDE_BITS | side;
        }
        if (shift >= ChampTrie.HASH_BITS) {
            return collision(lo, hi, side);
        }
        long[] words = keyWords[side];
        if (m <= SMALL_RANGE) {
            // Most nodes are small leaves: spare them the 32 buckets.
            int slots = 0;
            boolean shared = false;
            for (int i = lo; i < hi; i++) {
                int bit = 1 << digit(words[i], shift);
                shared |= (slots & bit) != 0;
                slots |= bit;
            }
            if (!shared) {
                // Every entry in its own slot, so every key distinct: a leaf in slot order.
                trie.newNode(op, ChampTrie.bitmapHeader(slots, 0), m, 0, op.edit);
                for (int i = lo; i < hi; i++) {
                    putEntry(op.obj, op.addr, ChampTrie.index(slots, 1 << digit(words[i], shift)), i << SIDE_BITS | side);
                }
                distinct += m;
                return -1;
            }
            if (Integer.bitCount(slots) == 1) {
                return oneSlot(shift, lo, hi, side, Integer.numberOfTrailingZeros(slots));
            }
        }
        int level = shift / ChampTrie.BITS;
        int[] count = counts[level];
        Arrays.fill(count, 0);
        for (int i = lo; i < hi; i++) {
            count[digit(words[i], shift)]++;
        }
        int first = digit(words[lo], shift);
        if (count[first] == m) {
            return oneSlot(shift, lo, hi, side, first);
        }
        int other = side == 1 ? 2 : 1;
        int[] end = ends[level];
        int at = lo;
        for (int d = 0; d < WIDTH; d++) {
            end[d] = at;
            at += count[d];
        }
        scatter(shift, lo, hi, side, other, end);
        int dataMap = 0;
        int nodeMap = 0;
        int da = 0;
        int na = 0;
        int[] es = entries[level];
        Object[] cs = children[level];
        long[] cas = childAddrs[level];
        for (int d = 0; d < WIDTH; d++) {
            if (count[d] == 0) {
                continue;
            }
            int single = build(shift + ChampTrie.BITS, end[d] - count[d], end[d], other);
            if (single >= 0) {
                dataMap |= 1 << d;
                es[da++] = single;
            } else {
                nodeMap |= 1 << d;
                cs[na] = op.obj;
                cas[na++] = op.addr;
            }
        }
        trie.newNode(op, ChampTrie.bitmapHeader(dataMap, nodeMap), da, na, op.edit);
        for (int i = 0; i < da; i++) {
            putEntry(op.obj, op.addr, i, es[i]);
        }
        for (int ci = 0; ci < na; ci++) {
            trie.setChild(op.obj, op.addr, da, ci, cs[ci], cas[ci]);
            cs[ci] = null;
        }
        distinct += da;
        return -1;
    }

    /** Every entry of the range is in slot {@code d}: one child (or the single key, carried up). */
    private int oneSlot(int shift, int lo, int hi, int side, int d) {
        int single = build(shift + ChampTrie.BITS, lo, hi, side);
        if (single >= 0) {
            return single;
        }
        Object c = op.obj;
        long ca = op.addr;
        trie.newNode(op, ChampTrie.bitmapHeader(0, 1 << d), 0, 1, op.edit);
        trie.setChild(op.obj, op.addr, 0, 0, c, ca);
        return -1;
    }

    /** Entries whose 32 hash bits are all equal: distinct keys, the last put of each, in a collision node. */
    private int collision(int lo, int hi, int side) {
        int[] keep = distinctScratch.length >= hi - lo ? distinctScratch : (distinctScratch = new int[hi - lo]);
        int k = 0;
        next:
        for (int i = lo; i < hi; i++) {
            for (int j = 0; j < k; j++) {
                if (sameKey(side, keep[j], i)) {
                    keep[j] = i;
                    continue next;
                }
            }
            keep[k++] = i;
        }
        if (k == 1) {
            return keep[0] << SIDE_BITS | side;
        }
        trie.newNode(op, ChampTrie.collisionHeader(hash(side, lo), k), k, 0, op.edit);
        for (int j = 0; j < k; j++) {
            putEntry(op.obj, op.addr, j, keep[j] << SIDE_BITS | side);
        }
        distinct += k;
        return -1;
    }

    private boolean sameKey(int side, int i, int j) {
        return keyWords[side][i] == keyWords[side][j]
                && (keyRefs[side] == null || Objects.equals(keyRefs[side][i], keyRefs[side][j]));
    }

    /**
     * Moves entries {@code [lo, hi)} of side {@code from} to side {@code to}, each to the next
     * free place of its digit's bucket ({@code end}). The arrays are locals and their null
     * checks loop-invariant, so the JIT compiles one loop per kind of map.
     */
    private void scatter(int shift, int lo, int hi, int from, int to, int[] end) {
        long[] ks = keyWords[from];
        long[] kd = keyWords[to];
        Object[] rs = keyRefs[from];
        Object[] rd = keyRefs[to];
        long[] vs = valueWords[from];
        long[] vd = valueWords[to];
        Object[] os = valueRefs[from];
        Object[] od = valueRefs[to];
        for (int i = lo; i < hi; i++) {
            long kw = ks[i];
            int j = end[digit(kw, shift)]++;
            kd[j] = kw;
            if (rs != null) {
                rd[j] = rs[i];
            }
            if (vs != null) {
                vd[j] = vs[i];
            }
            if (os != null) {
                od[j] = os[i];
            }
        }
    }

    /** Writes the put {@code at} ({@code index << 2 | side}) as entry {@code i} of a new node. */
    private void putEntry(Object n, long a, int i, int at) {
        int side = at & SIDE_MASK;
        int index = at >>> SIDE_BITS;
        trie.setEntry(n, a, i, keyWords[side][index],
                keyRefs[side] == null ? null : keyRefs[side][index],
                valueWords[side] == null ? 0 : valueWords[side][index],
                valueRefs[side] == null ? null : valueRefs[side][index]);
    }
}
