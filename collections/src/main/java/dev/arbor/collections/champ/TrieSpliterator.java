package dev.arbor.collections.champ;

import java.util.Arrays;
import java.util.Spliterator;
import java.util.function.Consumer;

/**
 * A spliterator over a trie's entries that splits along the trie: it holds a run of parts (whole
 * sub-tries, or the entries of one node), gives half of them away at each split, and when one
 * sub-trie is left, breaks it into its own entries and its children. A parallel stream thus gets
 * disjoint sub-tries without any entry being copied, as an iterator-based spliterator would copy
 * them into arrays. Not {@code ORDERED} (a set's or map's iteration order is no contract), so a
 * split may give away the later parts while this one is inside an earlier one.
 *
 * @param <T> what a reader makes of an entry (a key, a value, an entry)
 */
final class TrieSpliterator<T> implements Spliterator<T> {
    /** What the spliterator yields for entry {@code i} of the node {@code (n, a)}. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Object n, long a, int i);
    }

    /** A sub-trie below this many entries (estimated) is not broken up: splitting it would cost more than it saves. */
    private static final long MIN_SPLIT = 64;

    private final ChampTrie trie;
    private final Reader<T> reader;
    private final String what;
    private final int characteristics;
    /** A sub-trie, or ({@code entriesOnly}) the entries of its root node alone. */
    private record Part(Object node, long addr, int level, boolean entriesOnly) {
    }

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

    /**
     * All entries of the trie rooted at {@code (root, rootAddr)}, {@code size} of them.
     *
     * @param extra characteristics beyond {@code SIZED}, {@code IMMUTABLE} ({@code DISTINCT} for keys)
     */
    TrieSpliterator(ChampTrie trie, Object root, long rootAddr, int size, Reader<T> reader, int extra, String what) {
        this(trie, reader, what, extra | IMMUTABLE | SIZED | SUBSIZED, new Part[] {new Part(root, rootAddr, 0, false)},
                size, true);
    }

    private TrieSpliterator(ChampTrie trie, Reader<T> reader, String what, int characteristics, Part[] parts,
                            long estimate, boolean exact) {
        this.trie = trie;
        this.reader = reader;
        this.what = what;
        this.characteristics = characteristics;
        this.parts = parts;
        this.hi = parts.length;
        this.estimate = estimate;
        this.exact = exact;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        trie.checkLive(what);
        while (true) {
            if (cursor != null) {
                if (cursor.advanceIfAny()) {
                    consumed();
                    action.accept(reader.read(cursor.node, cursor.addr, cursor.index));
                    return true;
                }
                cursor = null;
            } else if (nextEntry < entryEnd) {
                consumed();
                action.accept(reader.read(entryNode, entryAddr, nextEntry++));
                return true;
            }
            if (lo >= hi) {
                return false;
            }
            start(lo++);
        }
    }

    @Override
    public void forEachRemaining(Consumer<? super T> action) {
        // The liveness check before every read: the user's action may reset a native value's
        // allocator.
        trie.checkLive(what);
        while (true) {
            if (cursor != null) {
                while (cursor.advanceIfAny()) {
                    consumed();
                    action.accept(reader.read(cursor.node, cursor.addr, cursor.index));
                    trie.checkLive(what);
                }
                cursor = null;
            }
            while (nextEntry < entryEnd) {
                consumed();
                action.accept(reader.read(entryNode, entryAddr, nextEntry++));
                trie.checkLive(what);
            }
            if (lo >= hi) {
                return;
            }
            start(lo++);
        }
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

    private void consumed() {
        if (estimate > 0) {
            estimate--;
        }
    }

    @Override
    public Spliterator<T> trySplit() {
        trie.checkLive(what);
        if (cursor == null && nextEntry >= entryEnd && hi - lo == 1 && !parts[lo].entriesOnly() && estimate >= MIN_SPLIT) {
            breakUp(parts[lo]);
        }
        int left = hi - lo;
        if (left < 2) {
            return null;
        }
        int mid = lo + left / 2;
        long givenEstimate = estimate * (hi - mid) / left;
        TrieSpliterator<T> other = new TrieSpliterator<>(trie, reader, what, characteristics & ~(SIZED | SUBSIZED),
                Arrays.copyOfRange(parts, mid, hi), givenEstimate, false);
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

    @Override
    public long estimateSize() {
        return estimate;
    }

    @Override
    public int characteristics() {
        return exact ? characteristics : characteristics & ~(SIZED | SUBSIZED);
    }
}
