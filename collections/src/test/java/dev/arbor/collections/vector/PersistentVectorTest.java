package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.BlockKind;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PersistentVectorTest {

    @Test
    void buildingAVectorOfFiveAllocatesOneNode() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            PersistentVector<Integer> v = PersistentVector.of(1, 2, 3, 4, 5);
            assertEquals(List.of(1, 2, 3, 4, 5), v);
            // One exact tail leaf; the empty root is a shared constant that never counts.
            assertEquals(1, counter.snapshot().blocks());
            assertEquals(1, counter.snapshot().refsBlocks());
        }
    }

    @Test
    void appendingLongsOneByOneCopiesTheTailOnlyWhenItIsFull() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            PersistentVector<Long> v = PersistentVector.empty(Codec.LONG);
            for (long i = 1; i <= 5; i++) {
                v = v.appendLong(i);
            }
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), v);
            // Tails of 1, 3 and 5 slots: the 3rd and 5th appends take the free slot of the last one.
            assertEquals(3, counter.snapshot().blocks());
            assertEquals(3, counter.snapshot().norefsBlocks(), "a leaf of longs holds no references");
            for (long i = 6; i <= 64; i++) {
                v = v.appendLong(i);
            }
            assertEquals(LongStream.rangeClosed(1, 64).boxed().toList(), v);
            // Per 32 elements, tails of 1, 3, 5, 9, 17 and 32 slots (the first 32 elements), then
            // the root the full tail is pushed under, a tail of 1, and tails of 3, 5, 9, 17 and 32.
            assertEquals(6 + 2 + 5, counter.snapshot().blocks());
            // Popping within the tail shares it: the shorter values read fewer of its slots.
            PersistentVector<Long> popped = v;
            for (int i = 0; i < 31; i++) {
                popped = popped.pop();
            }
            assertEquals(LongStream.rangeClosed(1, 33).boxed().toList(), popped);
            assertEquals(6 + 2 + 5, counter.snapshot().blocks(), "no pop within the tail allocates");
            assertEquals(LongStream.rangeClosed(1, 34).boxed().toList(), popped.appendLong(34));
            assertEquals(LongStream.rangeClosed(1, 64).boxed().toList(), v, "the longer value is untouched");
        }
    }

    @Test
    void everyNodeOfALargeVectorIsReportedAndEmptyVectorsCostNothing() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            assertTrue(PersistentVector.empty(Codec.LONG).isEmpty());
            assertEquals(0, counter.snapshot().blocks(), "empty vectors are shared constants");
            TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
            for (long i = 0; i < 32 * 33; i++) {
                t.appendLong(i);
            }
            t.persistent();
            // 33 leaves of 32 (32 in the trie and the full tail, which is not trimmed) and one
            // root branch: a transient edits its own nodes in place, so each is allocated once.
            assertEquals(33 + 1, counter.snapshot().blocks());
            assertEquals(33, counter.snapshot().norefsBlocks());
        }
    }

    @Test
    void noAllocatorCurrentMeansNothingIsCounted() {
        CountingAllocator counter = CountingAllocator.over(new GcAllocator());
        PersistentVector.of(1, 2, 3).append(4);
        assertEquals(0, counter.snapshot().blocks());
        counter.close();
    }

    @Test
    void equalsAndHashCodeFollowTheListContract() {
        List<Long> model = new ArrayList<>();
        PersistentVector<Long> boxed = PersistentVector.of();
        PersistentVector<Long> words = PersistentVector.empty(Codec.LONG);
        for (long i = 0; i < 100; i++) {
            model.add(i * 31);
            boxed = boxed.append(i * 31);
            words = words.appendLong(i * 31);
        }
        assertEquals(model, boxed);
        assertEquals(boxed, model);
        assertEquals(words, boxed);
        assertEquals(model.hashCode(), words.hashCode());
        assertEquals(model.hashCode(), boxed.hashCode());
        assertNotEquals(words, words.pop());
        assertEquals("[1, 2, 3]", PersistentVector.ofLongs(1, 2, 3).toString());
        assertEquals(PersistentVector.empty(Codec.DOUBLE).append(-0.0), List.of(-0.0));
        assertNotEquals(PersistentVector.empty(Codec.DOUBLE).append(-0.0), List.of(0.0));
    }

    @Test
    void javaUtilMutatorsThrow() {
        PersistentVector<Integer> v = PersistentVector.of(1, 2, 3);
        assertThrows(UnsupportedOperationException.class, () -> v.add(4));
        assertThrows(UnsupportedOperationException.class, () -> v.set(0, 4));
        assertThrows(UnsupportedOperationException.class, () -> v.remove(0));
        assertThrows(UnsupportedOperationException.class, v::clear);
        Iterator<Integer> it = v.iterator();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);
        assertEquals(List.of(1, 2, 3), v);
    }

    @Test
    void iteratorsSpliteratorsStreamsAndCollector() {
        PersistentVector<Integer> v = IntStream.range(0, 5000).boxed().collect(PersistentVector.collector());
        assertEquals(5000, v.size());
        assertEquals(IntStream.range(0, 5000).boxed().toList(), v);
        assertEquals(IntStream.range(0, 5000).sum(), v.stream().mapToInt(Integer::intValue).sum());
        assertEquals(IntStream.range(0, 5000).sum(), v.parallelStream().mapToInt(Integer::intValue).sum());
        PersistentVector<Integer> parallel = IntStream.range(0, 5000).parallel().boxed().collect(PersistentVector.collector());
        assertEquals(v, parallel);
        Spliterator<Integer> s = v.spliterator();
        assertTrue(s.hasCharacteristics(Spliterator.SIZED | Spliterator.ORDERED));
        assertEquals(5000, s.getExactSizeIfKnown());
        Iterator<Integer> it = v.iterator();
        for (int i = 0; i < 5000; i++) {
            assertEquals(i, it.next());
        }
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void primitiveAccessorsReadAndWriteWithoutTheBoxedApi() {
        PersistentVector<Long> v = PersistentVector.ofLongs(LongStream.range(0, 100).toArray());
        assertEquals(99L, v.getLong(99));
        assertEquals(-5L, v.withLong(40, -5).getLong(40));
        assertEquals(40L, v.getLong(40));
        PersistentVector<Double> d = PersistentVector.empty(Codec.DOUBLE).append(1.5);
        assertEquals(1.5, d.getDouble(0));
        assertThrows(UnsupportedOperationException.class, () -> d.getLong(0));
        assertThrows(UnsupportedOperationException.class, () -> PersistentVector.of(1L).appendLong(2));
        assertThrows(NullPointerException.class, () -> PersistentVector.empty(Codec.LONG).append(null));
        assertThrows(IndexOutOfBoundsException.class, () -> v.get(100));
        assertThrows(IndexOutOfBoundsException.class, () -> v.get(-1));
        assertEquals(Arrays.asList(1, null, 3), PersistentVector.of(1, null, 3));
    }

    @Test
    void subListIsAnIndependentCopy() {
        PersistentVector<Integer> v = IntStream.range(0, 2000).boxed().collect(PersistentVector.collector());
        PersistentVector<Integer> sub = v.subList(33, 1500);
        assertEquals(IntStream.range(33, 1500).boxed().toList(), sub);
        assertSame(v, v.subList(0, 2000));
        assertThrows(IndexOutOfBoundsException.class, () -> v.subList(5, 2001));
        assertThrows(IllegalArgumentException.class, () -> v.subList(6, 5));
        assertEquals(List.of(), v.subList(5, 5));
    }

    @Test
    void transientAfterPersistentThrowsIllegalState() {
        TransientVector<Integer> t = PersistentVector.<Integer>of().asTransient();
        t.append(1);
        PersistentVector<Integer> v = t.persistent();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.append(2));
        assertTrue(e.getMessage().contains("after persistent()"), e.getMessage());
        assertThrows(IllegalStateException.class, t::persistent);
        assertThrows(IllegalStateException.class, () -> t.get(0));
        assertEquals(List.of(1), v);
    }

    @Test
    void transientFromAnotherThreadThrowsWrongThread() throws InterruptedException, ExecutionException {
        TransientVector<Integer> t = PersistentVector.<Integer>of().asTransient();
        Throwable thrown = CompletableFuture.supplyAsync(() -> {
            try {
                t.append(1);
                return null;
            } catch (Throwable e) {
                return e;
            }
        }).get();
        assertTrue(thrown instanceof WrongThreadException, String.valueOf(thrown));
        t.append(2);
        assertEquals(List.of(2), t.persistent());
    }

    @Test
    void transientNeverMutatesTheVectorItCameFrom() {
        PersistentVector<Long> base = PersistentVector.ofLongs(LongStream.range(0, 3000).toArray());
        TransientVector<Long> t = base.asTransient();
        for (int i = 0; i < 3000; i += 7) {
            t.setLong(i, -1);
        }
        t.pop().pop().appendLong(5);
        PersistentVector<Long> edited = t.persistent();
        assertEquals(LongStream.range(0, 3000).boxed().toList(), base);
        assertEquals(-1L, edited.getLong(0));
        assertEquals(5L, edited.getLong(2998));
    }

    @Test
    void managedNodeKindsAreReported() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            PersistentVector.of("a").append("b");
            assertEquals(2, counter.snapshot().refsBlocks());
            assertEquals(0, counter.snapshot().norefsBlocks());
            assertEquals(2, counter.stats().blocksAllocated());
        }
        assertEquals(BlockKind.NOREFS, BlockKind.valueOf("NOREFS"));
    }
}
