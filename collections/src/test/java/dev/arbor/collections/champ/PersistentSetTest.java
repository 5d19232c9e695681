package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PersistentSetTest {

    @Test
    void setsWithEqualContentsAreEqualWhateverTheInsertionOrder() {
        PersistentSet<Integer> up = PersistentSet.of();
        PersistentSet<Integer> down = PersistentSet.of();
        for (int i = 0; i < 2000; i++) {
            up = up.plus(i);
            down = down.plus(1999 - i);
        }
        assertEquals(up, down);
        assertEquals(up.hashCode(), down.hashCode());
        Set<Integer> model = IntStream.range(0, 2000).boxed().collect(Collectors.toSet());
        assertEquals(model, up);
        assertEquals(model.hashCode(), up.hashCode());
        assertEquals(TrieShape.of(up).nodes, TrieShape.of(down).nodes);
        assertNotEquals(up, down.minus(5));
    }

    @Test
    void primitiveSetsEqualBoxedOnes() {
        PersistentSet<Long> words = PersistentSet.ofLongs(LongStream.range(-300, 300).map(i -> i * 7919).toArray());
        PersistentSet<Long> boxed = PersistentSet.copyOf(LongStream.range(-300, 300).map(i -> i * 7919).boxed().toList());
        assertEquals(boxed, words);
        assertEquals(words, boxed);
        assertEquals(new HashSet<>(boxed), words);
        assertEquals(boxed.hashCode(), words.hashCode());
        assertTrue(words.containsLong(7919));
        assertFalse(words.containsLong(1));
        assertFalse(words.contains(7919), "an Integer is not a Long");
        assertTrue(words.contains(7919L));
        assertEquals(599, words.minusLong(0).size());
        PersistentSet<Double> doubles = PersistentSet.empty(Codec.DOUBLE).plus(0.0).plus(-0.0).plus(Double.NaN).plus(Double.NaN);
        assertEquals(Set.of(0.0, -0.0, Double.NaN), doubles);
    }

    @Test
    void javaUtilMutatorsThrowAndReadingWorks() {
        PersistentSet<String> s = PersistentSet.of("a", "b", "c");
        assertThrows(UnsupportedOperationException.class, () -> s.add("d"));
        assertThrows(UnsupportedOperationException.class, () -> s.remove("a"));
        assertThrows(UnsupportedOperationException.class, s::clear);
        assertThrows(UnsupportedOperationException.class, () -> s.removeIf(x -> true));
        assertEquals(Set.of("a", "b", "c"), s);
        assertEquals("[a]", PersistentSet.of("a").toString());
        assertEquals(Set.of("a", "b", "c"), s.stream().collect(Collectors.toSet()));
        assertEquals(s, List.of("c", "b", "a", "a").stream().collect(PersistentSet.collector()));
        assertEquals(s, List.of("c", "b", "a").parallelStream().collect(PersistentSet.collector()));
        assertSame(s, s.plus("a"));
        assertSame(s, s.minus("z"));
        assertSame(s, PersistentSet.copyOf(s));
        assertEquals(5000, IntStream.range(0, 5000).boxed().collect(PersistentSet.collector()).spliterator().getExactSizeIfKnown());
    }

    @Test
    void transientMisuseThrows() throws Exception {
        TransientSet<String> t = PersistentSet.<String>of().asTransient();
        t.add("a");
        Throwable fromOther = CompletableFuture.supplyAsync(() -> {
            try {
                t.add("b");
                return null;
            } catch (Throwable e) {
                return e;
            }
        }).get();
        assertTrue(fromOther instanceof WrongThreadException, String.valueOf(fromOther));
        PersistentSet<String> s = t.persistent();
        assertThrows(IllegalStateException.class, () -> t.add("c"));
        assertThrows(IllegalStateException.class, () -> t.contains("a"));
        assertEquals(Set.of("a"), s);
    }

    @Test
    void aSetOfLongsHoldsOnlyNoRefsNodesUntilItBranches() {
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            PersistentSet<Long> s = PersistentSet.empty(Codec.LONG).plusLong(1).plusLong(2);
            assertEquals(2, counter.snapshot().norefsBlocks());
            assertEquals(0, counter.snapshot().refsBlocks());
            s.plusLong(33); // same 5 low bits as 1: a child node, so the root holds a reference
            assertEquals(1, counter.snapshot().refsBlocks());
        }
    }
}
