package dev.arbor.collections.champ;

import dev.arbor.collections.codec.Codec;
import java.util.function.BiFunction;
import java.util.function.LongBinaryOperator;

/**
 * The register of a persistent put that merges into the value it finds, as {@code Map.merge}
 * does: the descent calls {@link #merge} where it finds the key, so a merge takes one descent,
 * not a find and then an update, and compares the key once. Nothing has been allocated at that
 * point (path copies are made on the way back up), so a merge that throws, or that asks for the
 * key's removal (the caller then removes it), leaves nothing to undo. An absent key takes the
 * given value unmerged.
 */
abstract sealed class MergeOp extends Op permits MergeOp.OfLongs, MergeOp.OfValues {
    /** Set when the merge returned {@code null}: the key is to be removed. */
    boolean removeKey;

    private MergeOp() {
        super(null);
    }

    /** A merge of {@code value} with {@code merge.apply(old, value)}; an old value of {@code null} is replaced. */
    static <V> MergeOp of(Codec<V> valueCodec, V value, BiFunction<? super V, ? super V, ? extends V> merge) {
        return new OfValues(valueCodec, value, merge);
    }

    /** A merge of the {@code long} value {@code value} with {@code merge.applyAsLong(old, value)}. */
    static MergeOp ofLongs(long value, LongBinaryOperator merge) {
        return new OfLongs(value, merge);
    }

    /** The given value's word (inline values). */
    abstract long givenWord();

    /** The given value (reference values). */
    abstract Object given();

    /**
     * Merges the found value {@code (ovw, ovr)} with the given one, and returns the merged value's
     * word, its reference in {@link #mergedRef}; sets {@link #removeKey} if the key is to go
     * instead. Runs user code: the caller checks a native trie live afterwards.
     */
    abstract long merge(long ovw, Object ovr);

    /** The merged value's reference half, after {@link #merge}. */
    abstract Object mergedRef();

    /** {@code long} values merged without boxing. */
    static final class OfLongs extends MergeOp {
        private final long given;
        private final LongBinaryOperator merge;

        private OfLongs(long given, LongBinaryOperator merge) {
            this.given = given;
            this.merge = merge;
        }

        @Override long givenWord() { return given; }
        @Override Object given() { return null; }
        @Override long merge(long ovw, Object ovr) { return merge.applyAsLong(ovw, given); }
        @Override Object mergedRef() { return null; }
    }

    /** Values of any codec, merged as objects. */
    static final class OfValues extends MergeOp {
        private final Codec<Object> codec;
        private final Object given;
        private final BiFunction<Object, Object, Object> merge;
        private Object merged;

        @SuppressWarnings("unchecked")
        private <V> OfValues(Codec<V> codec, V given, BiFunction<? super V, ? super V, ? extends V> merge) {
            this.codec = (Codec<Object>) codec;
            this.given = given;
            this.merge = (BiFunction<Object, Object, Object>) merge;
        }

        @Override long givenWord() { return codec.isInline() ? codec.encode(given) : 0; }
        @Override Object given() { return given; }

        @Override
        long merge(long ovw, Object ovr) {
            boolean inline = codec.isInline();
            Object old = inline ? codec.decode(ovw) : ovr;
            merged = old == null ? given : merge.apply(old, given);
            if (merged == null) {
                removeKey = true;
                return 0;
            }
            return inline ? codec.encode(merged) : 0;
        }

        @Override Object mergedRef() { return merged; }
    }
}
