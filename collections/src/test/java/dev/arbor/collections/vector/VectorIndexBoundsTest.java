package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Reads by index check the index inside the trie's descent (one unsigned comparison with the
 * tail offset, the size only on the tail's side), so every index on both sides of every boundary
 * is tried here: negative ones, the first and last of the trie, the tail's, the size and beyond,
 * at sizes around the tail and level boundaries, for persistent and transient vectors of both
 * node formats and all three accessors.
 */
class VectorIndexBoundsTest {
    private static final int[] SIZES = {0, 1, 31, 32, 33, 63, 64, 65, 1000, 1056, 1057, 33_000};

    @Test
    void managedVectorsReadEveryIndexInRangeAndRejectEveryOther() {
        for (int size : SIZES) {
            checkAll(size);
        }
    }

    @Test
    void nativeVectorsReadEveryIndexInRangeAndRejectEveryOther() {
        try (ArenaAllocator arena = ArenaAllocator.create();
             AllocatorScope s = CurrentAllocator.use(arena)) {
            for (int size : SIZES) {
                checkAll(size);
            }
        }
    }

    private static void checkAll(int size) {
        PersistentVector<Long> longs = PersistentVector.empty(Codec.LONG);
        PersistentVector<Double> doubles = PersistentVector.empty(Codec.DOUBLE);
        PersistentVector<Object> refs = PersistentVector.empty(Codec.object());
        for (int i = 0; i < size; i++) {
            longs = longs.appendLong(i * 3L);
            doubles = doubles.append(i + 0.5);
            refs = refs.append((long) i * 3L);
        }
        TransientVector<Long> longT = longs.asTransient();
        TransientVector<Object> refT = refs.asTransient();
        String where = "size " + size;
        PersistentVector<Long> l = longs;
        PersistentVector<Double> d = doubles;
        PersistentVector<Object> r = refs;
        check(size, where + ", persistent getLong", l::getLong, i -> i * 3L);
        check(size, where + ", persistent get (longs)", l::get, i -> (Object) (i * 3L));
        check(size, where + ", persistent getDouble", d::getDouble, i -> i + 0.5);
        check(size, where + ", persistent get (references)", r::get, i -> (Object) (i * 3L));
        check(size, where + ", persistent getLong (references)", r::getLong, i -> i * 3L);
        check(size, where + ", transient getLong", longT::getLong, i -> i * 3L);
        check(size, where + ", transient get (longs)", longT::get, i -> (Object) (i * 3L));
        check(size, where + ", transient get (references)", refT::get, i -> (Object) (i * 3L));
        check(size, where + ", transient getLong (references)", refT::getLong, i -> i * 3L);
    }

    private static <T> void check(int size, String where, IntFunction<T> read, IntFunction<T> expected) {
        int tailOffset = VectorTrie.tailOffset(size);
        int[] inRange = {0, 1, 31, 32, tailOffset - 1, tailOffset, size - 1};
        for (int i : inRange) {
            if (i >= 0 && i < size) {
                assertEquals(expected.apply(i), read.apply(i), where + ", index " + i);
            }
        }
        int[] outOfRange = {-1, -32, Integer.MIN_VALUE, size, size + 1, size + 32, Integer.MAX_VALUE};
        for (int i : outOfRange) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> read.apply(i),
                    where + ", index " + i);
            assertEquals("index " + i + " out of bounds for a vector of size " + size, e.getMessage(), where);
        }
    }
}
