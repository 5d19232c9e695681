package dev.arbor.collections.champ;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The first pass of an element-by-element intersection ({@code intersect}, {@code intersectKeys}):
 * one {@code contains} call per element of the receiver, in its iteration order. It records which
 * stay and, while few go (at most 1/16), which go, so that removing them needs no second pass:
 * noting up to half a large set's elements cost more, in a list grown and then dropped, than the
 * second pass it saves ({@code SetFilterBenchmark}).
 *
 * @param <T> the element (or key) type
 */
final class RetainPass<T> {
    /** Whether each element, in iteration order, stays. */
    final boolean[] stays;
    /** The elements that go, or {@code null} if more than 1/16 go. */
    final List<T> gone;
    /** How many stay. */
    final int kept;

    private RetainPass(boolean[] stays, List<T> gone, int kept) {
        this.stays = stays;
        this.gone = gone;
        this.kept = kept;
    }

    /**
     * Calls {@code action} with each element of {@code elements} that stays; {@code elements}
     * must iterate in the pass's order (the receiver itself, or another of its views).
     */
    <U> void forEachKept(Iterable<U> elements, Consumer<? super U> action) {
        int i = 0;
        for (U e : elements) {
            if (stays[i++]) {
                action.accept(e);
            }
        }
    }

    /**
     * Calls {@code action} with each element that goes: from the noted list if there is one, else
     * from a second pass over {@code elements}, which must iterate in the pass's order.
     */
    void forEachGone(Iterable<T> elements, Consumer<? super T> action) {
        if (gone != null) {
            gone.forEach(action);
            return;
        }
        int i = 0;
        for (T e : elements) {
            if (!stays[i++]) {
                action.accept(e);
            }
        }
    }

    /** The pass over {@code elements} (the receiver's {@code size} elements) against {@code keep}. */
    static <T> RetainPass<T> over(Iterable<T> elements, int size, Collection<?> keep) {
        boolean[] stays = new boolean[size];
        int mostGone = size / 16;
        List<T> gone = new ArrayList<>();
        int kept = 0;
        int i = 0;
        for (T e : elements) {
            if (keep.contains(e)) {
                stays[i] = true;
                kept++;
            } else if (gone != null) {
                gone = gone.size() < mostGone ? gone : null;
                if (gone != null) {
                    gone.add(e);
                }
            }
            i++;
        }
        return new RetainPass<>(stays, gone, kept);
    }
}
