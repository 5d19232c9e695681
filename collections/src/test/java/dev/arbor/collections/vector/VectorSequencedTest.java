package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SequencedCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A vector is a {@link SequencedCollection}, as every {@link List} is: {@code getFirst},
 * {@code getLast} and {@code reversed()} read it from either end, for both node formats, and the
 * reversed view refuses every mutator, as the vector does.
 */
class VectorSequencedTest {
    private static final int[] SIZES = {1, 2, 32, 33, 1000, 1057};

    @Test
    void managedVectorsReadFromBothEnds() {
        for (int size : SIZES) {
            check(size);
        }
    }

    @Test
    void nativeVectorsReadFromBothEnds() {
        try (ArenaAllocator arena = ArenaAllocator.create();
             AllocatorScope s = CurrentAllocator.use(arena)) {
            for (int size : SIZES) {
                check(size);
            }
        }
    }

    @Test
    void anEmptyVectorHasNoFirstOrLastElement() {
        PersistentVector<Long> empty = PersistentVector.empty(Codec.LONG);
        assertThrows(NoSuchElementException.class, empty::getFirst);
        assertThrows(NoSuchElementException.class, empty::getLast);
        assertEquals(List.of(), empty.reversed());
    }

    @Test
    void theReversedViewOfAnArenaVectorIsRefusedAfterTheReset() {
        List<Long> reversed;
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                reversed = vectorOf(100).reversed();
            }
            assertEquals(99L * 7, reversed.getFirst());
            arena.reset();
            List<Long> stale = reversed;
            assertThrows(IllegalStateException.class, stale::getFirst);
        }
    }

    private static void check(int size) {
        PersistentVector<Long> v = vectorOf(size);
        List<Long> model = new ArrayList<>(v);
        assertEquals(model.getFirst(), v.getFirst(), "size " + size);
        assertEquals(model.getLast(), v.getLast(), "size " + size);
        List<Long> reversed = v.reversed();
        assertEquals(model.reversed(), reversed, "size " + size);
        assertEquals(model, reversed.reversed(), "size " + size);
        assertEquals(model.getLast(), reversed.getFirst(), "size " + size);
        for (Executable mutator : List.<Executable>of(
                () -> reversed.add(1L), () -> reversed.addFirst(1L), () -> reversed.addLast(1L),
                () -> reversed.removeFirst(), () -> reversed.removeLast(), () -> reversed.set(0, 1L),
                () -> reversed.remove(0), () -> reversed.clear(), () -> reversed.removeIf(e -> false))) {
            assertThrows(UnsupportedOperationException.class, mutator, "size " + size);
        }
        assertEquals(model, v, "the vector is unchanged");
    }

    private static PersistentVector<Long> vectorOf(int size) {
        TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
        for (long i = 0; i < size; i++) {
            t.appendLong(i * 7);
        }
        return t.persistent();
    }
}
