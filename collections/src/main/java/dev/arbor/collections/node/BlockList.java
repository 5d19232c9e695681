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

    private long[][] chunks;
    /** The chunk being filled, and how many of its longs are used. */
    private int last;
    private int fill;

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
    }

    boolean isEmpty() {
        return last == 0 && fill == 0;
    }

    void clear() {
        last = 0;
        fill = 0;
    }

    /** Whether {@code address} is in the list, newest first (a linear scan). */
    boolean contains(long address) {
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
