package dev.arbor.collections.node;

import java.util.Arrays;

/**
 * A list of native blocks, {@code (address, bytes)} pairs, for {@link NodeLog}. It grows by
 * adding chunks, each twice the previous up to a cap, and never copies what it holds: a bulk build
 * that makes 10^6 blocks logs them at 16 bytes each, where one array doubled by copying
 * allocated three times that. Cleared lists keep their chunks for the next operation.
 */
final class BlockList {
    private static final int FIRST_CHUNK = 16;
    private static final int MAX_CHUNK = 8192;
    /** The number of blocks from which {@link #contains} looks addresses up in {@link #index}. */
    private static final int INDEX_FROM = 32;

    private long[][] chunks;
    /** The chunk being filled, and how many of its longs are used. */
    private int last;
    private int fill;
    private int count;
    /**
     * The addresses of a long list, open addressing (0 = empty slot), at most half full: an
     * operation that makes thousands of blocks (a union, a bulk filter) asks whether a block is
     * one of them for every node it replaces, and a scan would make that quadratic (as in a
     * native union of 1,024 new keys into 10^6).
     */
    private long[] index;
    /**
     * Whether {@link #index} holds every address: from the first {@link #contains} on a long list,
     * so that an operation that never asks (a bulk build logging 10^6 blocks) never pays for it.
     */
    private boolean indexed;

    void add(long address, long bytes) {
        if (chunks == null) {
            chunks = new long[4][];
            chunks[0] = new long[FIRST_CHUNK];
        } else if (fill == chunks[last].length) {
            int next = last + 1;
            if (next == chunks.length) {
                chunks = Arrays.copyOf(chunks, 2 * next);
            }
            if (chunks[next] == null) {
                chunks[next] = new long[Math.min(MAX_CHUNK, 2 * chunks[last].length)];
            }
            last = next;
            fill = 0;
        }
        long[] c = chunks[last];
        c[fill] = address;
        c[fill + 1] = bytes;
        fill += 2;
        count++;
        if (indexed) {
            if (2 * count > index.length) {
                rebuildIndex();
            } else {
                insert(index, address);
            }
        }
    }

    /**
     * Indexes every address of the list, in a table at most half full. The table of an earlier
     * operation is reused while large enough: {@link #clear} left it empty.
     */
    private void rebuildIndex() {
        int length = 4 * INDEX_FROM;
        while (2 * count > length) {
            length *= 2;
        }
        long[] table = !indexed && index != null && index.length >= length ? index : new long[length];
        for (int ci = last; ci >= 0; ci--) {
            long[] c = chunks[ci];
            for (int i = (ci == last ? fill : c.length) - 2; i >= 0; i -= 2) {
                insert(table, c[i]);
            }
        }
        index = table;
        indexed = true;
    }

    private static void insert(long[] table, long address) {
        int mask = table.length - 1;
        for (int i = slot(address, mask); ; i = (i + 1) & mask) {
            if (table[i] == 0 || table[i] == address) {
                table[i] = address;
                return;
            }
        }
    }

    private static int slot(long address, int mask) {
        return (int) ((address * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    boolean isEmpty() {
        return last == 0 && fill == 0;
    }

    void clear() {
        last = 0;
        fill = 0;
        if (indexed) {
            Arrays.fill(index, 0);
            indexed = false;
        }
        count = 0;
    }

    /** Whether {@code address} is in the list: looked up in the index of a long list, else a scan, newest first. */
    boolean contains(long address) {
        if (count > INDEX_FROM) {
            if (!indexed) {
                rebuildIndex();
            }
            int mask = index.length - 1;
            for (int i = slot(address, mask); index[i] != 0; i = (i + 1) & mask) {
                if (index[i] == address) {
                    return true;
                }
            }
            return false;
        }
        for (int ci = last; ci >= 0 && chunks != null; ci--) {
            long[] c = chunks[ci];
            for (int i = (ci == last ? fill : c.length) - 2; i >= 0; i -= 2) {
                if (c[i] == address) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Receives one block. */
    @FunctionalInterface
    interface BlockAction {
        void accept(long address, long bytes);
    }

    /**
     * Empties the list, then calls {@code action} with every block it held, newest first. Emptied
     * first, so that an action that throws leaves no block to be handled twice.
     */
    void drainNewestFirst(BlockAction action) {
        int lastChunk = last;
        int lastFill = fill;
        clear();
        for (int ci = lastChunk; ci >= 0 && chunks != null; ci--) {
            long[] c = chunks[ci];
            for (int i = (ci == lastChunk ? lastFill : c.length) - 2; i >= 0; i -= 2) {
                action.accept(c[i], c[i + 1]);
            }
        }
    }
}
