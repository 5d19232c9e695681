package dev.arbor.collections.champ;

import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A spliterator over a trie's entries that splits along the trie ({@link TrieParts}): sub-tries
 * for a parallel stream's threads, no entry copied, as an iterator-based spliterator would copy
 * them into arrays. Not {@code ORDERED} (a set's or map's iteration order is no contract), so a
 * split may give away the later parts while this one is inside an earlier one. Every read is
 * preceded by a liveness check: the user's action may reset a native value's allocator.
 *
 * @param <T> what a reader makes of an entry (a key, a value, an entry)
 */
final class TrieSpliterator<T> implements Spliterator<T> {
    /** What the spliterator yields for entry {@code i} of the node {@code (n, a)}. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Object n, long a, int i);
    }

    private final TrieParts parts;
    private final Reader<T> reader;
    private final ChampTrie trie;
    private final String what;
    private final int characteristics;

    /**
     * All entries of the trie rooted at {@code (root, rootAddr)}, {@code size} of them.
     *
     * @param extra characteristics beyond {@code SIZED} (until split) and {@code IMMUTABLE}
     */
    TrieSpliterator(ChampTrie trie, Object root, long rootAddr, int size, Reader<T> reader, int extra, String what) {
        this(new TrieParts(trie, root, rootAddr, size), reader, trie, what, extra | IMMUTABLE);
    }

    private TrieSpliterator(TrieParts parts, Reader<T> reader, ChampTrie trie, String what, int characteristics) {
        this.parts = parts;
        this.reader = reader;
        this.trie = trie;
        this.what = what;
        this.characteristics = characteristics;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        trie.checkLive(what);
        if (!parts.next()) {
            return false;
        }
        action.accept(reader.read(parts.node, parts.addr, parts.index));
        return true;
    }

    @Override
    public void forEachRemaining(Consumer<? super T> action) {
        trie.checkLive(what);
        parts.forEachLeft((n, a, i) -> {
            action.accept(reader.read(n, a, i));
            trie.checkLive(what);
        });
    }

    @Override
    public Spliterator<T> trySplit() {
        trie.checkLive(what);
        TrieParts half = parts.split();
        return half == null ? null : new TrieSpliterator<>(half, reader, trie, what, characteristics);
    }

    @Override
    public long estimateSize() {
        return parts.estimate();
    }

    @Override
    public int characteristics() {
        return parts.exact() ? characteristics | SIZED | SUBSIZED : characteristics;
    }

    /**
     * The key words of a trie of {@code long} keys, or the value words of a trie of {@code long}
     * values, unboxed: {@code NONNULL}, {@code IMMUTABLE}, and {@code DISTINCT} for keys.
     */
    static final class OfWords implements Spliterator.OfLong {
        private final TrieParts parts;
        private final ChampTrie trie;
        private final boolean values;
        private final String what;

        OfWords(ChampTrie trie, Object root, long rootAddr, int size, boolean values, String what) {
            this(new TrieParts(trie, root, rootAddr, size), trie, values, what);
        }

        private OfWords(TrieParts parts, ChampTrie trie, boolean values, String what) {
            this.parts = parts;
            this.trie = trie;
            this.values = values;
            this.what = what;
        }

        private long word(Object n, long a, int i) {
            return values ? trie.valWord(n, a, i) : trie.keyWord(n, a, i);
        }

        @Override
        public boolean tryAdvance(LongConsumer action) {
            trie.checkLive(what);
            if (!parts.next()) {
                return false;
            }
            action.accept(word(parts.node, parts.addr, parts.index));
            return true;
        }

        @Override
        public void forEachRemaining(LongConsumer action) {
            trie.checkLive(what);
            parts.forEachLeft((n, a, i) -> {
                action.accept(word(n, a, i));
                trie.checkLive(what);
            });
        }

        @Override
        public Spliterator.OfLong trySplit() {
            trie.checkLive(what);
            TrieParts half = parts.split();
            return half == null ? null : new OfWords(half, trie, values, what);
        }

        @Override
        public long estimateSize() {
            return parts.estimate();
        }

        @Override
        public int characteristics() {
            int c = NONNULL | IMMUTABLE | (values ? 0 : DISTINCT);
            return parts.exact() ? c | SIZED | SUBSIZED : c;
        }
    }
}
