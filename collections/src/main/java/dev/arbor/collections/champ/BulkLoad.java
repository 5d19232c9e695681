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
 * <p>Entries move between sides ({@link PutColumns}, on the heap or native like the buffer):
 * side 0 is the buffer, read but never written (a failed build leaves the puts as they were),
 * sides 1 and 2 scratch of the same size, written in turn and given back at the end. Sequential
 * passes over them replace one random root-to-leaf descent per put. Every node goes through the
 * format's constructors, so a native format logs each block in the {@link Op} and a failure
 * rolls them all back.
 */
final class BulkLoad {
    private static final int WIDTH = ChampTrie.MASK + 1;
    private static final int LEVELS = ChampTrie.LEVELS;
    /** Ranges up to this size are first tried as a leaf without the bucket pass. */
    private static final int SMALL_RANGE = 8;
    private static final int SIDES = 3;
    private static final int SIDE_BITS = 2;
    private static final int SIDE_MASK = (1 << SIDE_BITS) - 1;

    private final ChampTrie trie;
    private final Op op;
    private final PutColumns[] sides = new PutColumns[SIDES];
    /** Per level: bucket sizes, bucket ends, the entries (index << 2 | side) and children of the node being built. */
    private final int[][] counts = new int[LEVELS][WIDTH];
    private final int[][] ends = new int[LEVELS][WIDTH];
    private final int[][] entries = new int[LEVELS][WIDTH];
    private final Object[][] children = new Object[LEVELS][WIDTH];
    private final long[][] childAddrs = new long[LEVELS][WIDTH];
    private int[] distinctScratch = new int[4];
    private int distinct;

    private BulkLoad(ChampTrie trie, Op op, PutColumns puts) {
        this.trie = trie;
        this.op = op;
        sides[0] = puts;
    }

    /**
     * Builds the trie of {@code puts} with {@code trie}'s format into {@code op} (nodes owned by
     * {@code op.edit}, logged in {@code op}) and returns its number of entries.
     */
    static int load(ChampTrie trie, Op op, PendingPuts puts) {
        int n = puts.count;
        if (n == 0) {
            trie.empty(op);
            return 0;
        }
        BulkLoad load = new BulkLoad(trie, op, puts.columns());
        try {
            load.sides[1] = load.sides[0].scratch(n);
            load.sides[2] = load.sides[0].scratch(n);
            int single = load.build(0, 0, n, 0);
            if (single < 0) {
                return load.distinct;
            }
            // One key: the root holds it alone.
            int hash = trie.hash(load.sides[single & SIDE_MASK].key(single >>> SIDE_BITS), null);
            trie.newNode(op, ChampTrie.bitmapHeader(ChampTrie.bit(hash, 0), 0), 1, 0, op.edit);
            load.putEntry(op.obj, op.addr, 0, single);
            return 1;
        } finally {
            for (int side = 1; side < SIDES; side++) {
                if (load.sides[side] != null) {
                    load.sides[side].release();
                }
            }
        }
    }

    /** The slot at {@code shift} of put {@code i} of {@code side}: a digit of its hash, which follows from the key word. */
    private int digit(int side, int i, int shift) {
        return PutColumns.digit(trie, sides[side].key(i), shift);
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
        if (m <= SMALL_RANGE) {
            // Most nodes are small leaves: spare them the 32 buckets.
            int slots = 0;
            boolean shared = false;
            for (int i = lo; i < hi; i++) {
                int bit = 1 << digit(side, i, shift);
                shared |= (slots & bit) != 0;
                slots |= bit;
            }
            if (!shared) {
                // Every entry in its own slot, so every key distinct: a leaf in slot order.
                trie.newNode(op, ChampTrie.bitmapHeader(slots, 0), m, 0, op.edit);
                for (int i = lo; i < hi; i++) {
                    putEntry(op.obj, op.addr, ChampTrie.index(slots, 1 << digit(side, i, shift)), i << SIDE_BITS | side);
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
        sides[side].countDigits(trie, lo, hi, shift, count);
        int first = digit(side, lo, shift);
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
        sides[side].scatter(trie, lo, hi, shift, sides[other], end);
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
        trie.newNode(op, ChampTrie.collisionHeader(trie.hash(sides[side].key(lo), null), k), k, 0, op.edit);
        for (int j = 0; j < k; j++) {
            putEntry(op.obj, op.addr, j, keep[j] << SIDE_BITS | side);
        }
        distinct += k;
        return -1;
    }

    private boolean sameKey(int side, int i, int j) {
        PutColumns c = sides[side];
        return c.key(i) == c.key(j) && (trie.keyInline || Objects.equals(c.keyRef(i), c.keyRef(j)));
    }

    /** Writes the put {@code at} ({@code index << 2 | side}) as entry {@code i} of a new node. */
    private void putEntry(Object n, long a, int i, int at) {
        PutColumns c = sides[at & SIDE_MASK];
        int index = at >>> SIDE_BITS;
        trie.setEntry(n, a, i, c.key(index), c.keyRef(index), c.value(index), c.valueRef(index));
    }
}
