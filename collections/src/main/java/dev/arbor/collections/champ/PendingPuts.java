package dev.arbor.collections.champ;

import dev.arbor.api.memory.NativeAllocator;
import java.util.Arrays;

/**
 * The puts a transient that started empty has received and not yet applied, in order (later
 * puts of a key win), for {@link BulkLoad} to build the whole trie at once, each node allocated
 * once at its final size, instead of one path copy per put; see {@link TrieEditor}.
 *
 * <p>A managed transient buffers on the JVM heap ({@link Heap}); a native one in blocks of its
 * allocator ({@link Native}), and only for inline keys and values, since native memory cannot
 * hold JVM references.
 */
abstract class PendingPuts {
    /** Puts are indexed in 29 bits, two more naming their side in {@link BulkLoad}. */
    static final int MAX = 1 << 29;

    int count;

    /**
     * The buffer for the first put of a transient whose format is {@code trie}, or {@code null}
     * if that format does not buffer (native with reference keys or values).
     */
    static PendingPuts of(ChampTrie trie) {
        NativeAllocator allocator = trie.allocator();
        if (allocator == null) {
            return new Heap(trie);
        }
        if (trie.keyInline && (!trie.hasValues || trie.valInline)) {
            return new Native(allocator, trie.hasValues ? 2 : 1);
        }
        return null;
    }

    /**
     * Appends a put.
     *
     * @throws dev.arbor.api.AllocationFailedException if a native buffer cannot grow; the buffer
     *                                                 is then as before
     */
    abstract void add(long kw, Object kr, long vw, Object vr);

    /** The puts, {@code 0..count-1}. */
    abstract PutColumns columns();

    /** Gives back a native buffer's memory; the puts are gone. */
    abstract void release();

    /** Whether this buffer can take the puts of a transient now in format {@code trie}. */
    abstract boolean fits(ChampTrie trie);

    /** Buffered puts in JVM arrays: only the halves the codecs use. */
    static final class Heap extends PendingPuts {
        private static final int INITIAL = 16;

        private long[] keyWords;
        private Object[] keyRefs;
        private long[] valueWords;
        private Object[] valueRefs;

        Heap(ChampTrie trie) {
            keyWords = new long[INITIAL];
            keyRefs = trie.keyInline ? null : new Object[INITIAL];
            valueWords = trie.valInline ? new long[INITIAL] : null;
            valueRefs = trie.hasValues && !trie.valInline ? new Object[INITIAL] : null;
        }

        @Override
        void add(long kw, Object kr, long vw, Object vr) {
            int i = count;
            if (i == keyWords.length) {
                grow();
            }
            keyWords[i] = kw;
            if (keyRefs != null) {
                keyRefs[i] = kr;
            }
            if (valueWords != null) {
                valueWords[i] = vw;
            }
            if (valueRefs != null) {
                valueRefs[i] = vr;
            }
            count = i + 1;
        }

        private void grow() {
            int capacity = 2 * keyWords.length;
            keyWords = Arrays.copyOf(keyWords, capacity);
            if (keyRefs != null) {
                keyRefs = Arrays.copyOf(keyRefs, capacity);
            }
            if (valueWords != null) {
                valueWords = Arrays.copyOf(valueWords, capacity);
            }
            if (valueRefs != null) {
                valueRefs = Arrays.copyOf(valueRefs, capacity);
            }
        }

        @Override
        PutColumns columns() {
            return new HeapColumns(keyWords, keyRefs, valueWords, valueRefs);
        }

        @Override
        void release() {
        }

        @Override
        boolean fits(ChampTrie trie) {
            return trie.allocator() == null;
        }
    }

    /** Buffered puts in a native block of the transient's allocator, doubled as it fills. */
    static final class Native extends PendingPuts {
        private static final int INITIAL = 64;

        private final NativeAllocator allocator;
        private final int words;
        private NativeColumns block;

        Native(NativeAllocator allocator, int words) {
            this.allocator = allocator;
            this.words = words;
        }

        @Override
        void add(long kw, Object kr, long vw, Object vr) {
            NativeColumns b = block;
            if (b == null || count == b.capacity) {
                // Allocate first: if that fails, the buffer is as before.
                NativeColumns bigger = new NativeColumns(allocator, words, b == null ? INITIAL : 2 * b.capacity);
                if (b != null) {
                    bigger.copyFrom(b, count);
                    b.release();
                }
                block = b = bigger;
            }
            b.set(count++, kw, vw);
        }

        @Override
        PutColumns columns() {
            return block;
        }

        @Override
        void release() {
            if (block != null) {
                block.release();
                block = null;
            }
            count = 0;
        }

        @Override
        boolean fits(ChampTrie trie) {
            return trie.allocator() != null;
        }
    }
}
