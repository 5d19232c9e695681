package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PersistentMapTest {

    @Test
    void ofEntriesTakesAnyNumberAndALaterDuplicateWins() {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>();
        Map<String, Integer> model = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            entries.add(Map.entry("k" + i % 40, i));
            model.put("k" + i % 40, i);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map.Entry<String, Integer>[] array = entries.toArray(new Map.Entry[0]);
        assertEquals(model, PersistentMap.ofEntries(array));
        assertEquals(Map.of(), PersistentMap.ofEntries());
        assertThrows(NullPointerException.class, () -> PersistentMap.ofEntries(Map.entry("a", 1), null));
    }

    @Test
    void mapsWithEqualContentsAreEqualWhateverTheInsertionOrder() {
        List<Integer> keys = new ArrayList<>(IntStream.range(0, 3000).boxed().toList());
        PersistentMap<Integer, String> a = PersistentMap.of();
        for (int k : keys) {
            a = a.plus(k, "v" + k);
        }
        Collections.shuffle(keys, new java.util.Random(7));
        PersistentMap<Integer, String> b = PersistentMap.of();
        for (int k : keys) {
            b = b.plus(k, "v" + k).plus(-k - 1, "gone").minus(-k - 1);
        }
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        Map<Integer, String> hashMap = new HashMap<>(a);
        assertEquals(hashMap, a);
        assertEquals(hashMap.hashCode(), a.hashCode());
        assertEquals(TrieShape.of(a).nodes, TrieShape.of(b).nodes, "canonical: same contents, same shape");
        assertNotEquals(a, b.plus(0, "other"));
        assertNotEquals(a, b.minus(0));
    }

    @Test
    void primitiveMapsEqualBoxedOnesWithTheSameContent() {
        PersistentMap<Long, Long> words = PersistentMap.empty(Codec.LONG, Codec.LONG);
        PersistentMap<Long, Long> boxed = PersistentMap.of();
        Map<Long, Long> model = new HashMap<>();
        for (long k = -500; k < 500; k++) {
            words = words.plusLong(k * 1_000_003L, k);
            boxed = boxed.plus(k * 1_000_003L, k);
            model.put(k * 1_000_003L, k);
        }
        assertEquals(boxed, words);
        assertEquals(words, boxed);
        assertEquals(model, words);
        assertEquals(model.hashCode(), words.hashCode());
        assertEquals(boxed.hashCode(), words.hashCode());
        PersistentMap<Integer, Double> intDouble = PersistentMap.empty(Codec.INT, Codec.DOUBLE).plus(1, 2.5).plus(-3, Double.NaN);
        assertEquals(Map.of(1, 2.5, -3, Double.NaN), intDouble);
        assertEquals(Map.of(1, 2.5, -3, Double.NaN).hashCode(), intDouble.hashCode());
    }

    @Test
    void primitiveAccessorsAndCodecMismatches() {
        PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG).plusLong(1, 10).plusLong(2, 20);
        assertEquals(10, m.getLong(1));
        assertTrue(m.containsLong(2));
        assertFalse(m.containsLong(3));
        assertEquals(-1, m.getLongOrDefault(3, -1));
        assertThrows(NoSuchElementException.class, () -> m.getLong(3));
        assertEquals(Map.of(2L, 20L), m.minusLong(1));
        // Objects of another type are simply absent.
        assertNull(m.get(1));
        assertFalse(m.containsKey("1"));
        assertSame(m, m.minus(1));
        assertThrows(NullPointerException.class, () -> m.plus(null, 1L));
        PersistentMap<String, String> objects = PersistentMap.of("a", "b");
        assertThrows(UnsupportedOperationException.class, () -> objects.getLong(1));
        assertThrows(UnsupportedOperationException.class, () -> objects.plusLong(1, 2));
    }

    @Test
    void objectMapsAllowNullKeysAndValues() {
        PersistentMap<String, String> m = PersistentMap.<String, String>of().plus(null, "n").plus("k", null);
        assertEquals("n", m.get(null));
        assertTrue(m.containsKey("k"));
        assertNull(m.get("k"));
        Map<String, String> model = new HashMap<>();
        model.put(null, "n");
        model.put("k", null);
        assertEquals(model, m);
        assertEquals(model.hashCode(), m.hashCode());
        assertEquals(Map.of("k", "v"), m.minus(null).plus("k", "v"));
    }

    @Test
    void javaUtilMutatorsThrow() {
        PersistentMap<String, Integer> m = PersistentMap.of("a", 1, "b", 2);
        assertThrows(UnsupportedOperationException.class, () -> m.put("c", 3));
        assertThrows(UnsupportedOperationException.class, () -> m.remove("a"));
        assertThrows(UnsupportedOperationException.class, m::clear);
        assertThrows(UnsupportedOperationException.class, () -> m.putAll(Map.of("c", 3)));
        assertThrows(UnsupportedOperationException.class, () -> m.entrySet().iterator().next().setValue(5));
        assertThrows(UnsupportedOperationException.class, () -> m.keySet().remove("a"));
        var it = m.entrySet().iterator();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);
        assertEquals(Map.of("a", 1, "b", 2), m);
    }

    @Test
    void viewsStreamsCollectorsAndToString() {
        PersistentMap<Integer, Integer> m = IntStream.range(0, 1000).boxed()
                .collect(PersistentMap.collector(i -> i, i -> i * i));
        assertEquals(1000, m.size());
        assertEquals(IntStream.range(0, 1000).boxed().collect(Collectors.toSet()), m.keySet());
        assertEquals(IntStream.range(0, 1000).mapToLong(i -> (long) i * i).sum(),
                m.values().stream().mapToLong(Integer::longValue).sum());
        assertEquals(m, IntStream.range(0, 1000).parallel().boxed().collect(PersistentMap.collector(i -> i, i -> i * i)));
        assertEquals(1000, m.entrySet().parallelStream().count());
        // The three views walk the trie in one order: keys and values line up with the entries.
        List<Integer> keysInEntryOrder = new ArrayList<>();
        List<Integer> valuesInEntryOrder = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : m.entrySet()) {
            keysInEntryOrder.add(e.getKey());
            valuesInEntryOrder.add(e.getValue());
        }
        assertEquals(keysInEntryOrder, new ArrayList<>(m.keySet()));
        assertEquals(valuesInEntryOrder, new ArrayList<>(m.values()));
        assertEquals(1000, m.values().size());
        assertTrue(m.values().contains(999 * 999));
        assertFalse(m.values().contains(2));
        assertThrows(UnsupportedOperationException.class, () -> m.values().add(1));
        assertThrows(UnsupportedOperationException.class, () -> m.values().remove(25));
        var values = m.values().iterator();
        values.next();
        assertThrows(UnsupportedOperationException.class, values::remove);
        var keys = m.keySet().iterator();
        for (int i = 0; i < 1000; i++) {
            keys.next();
        }
        assertThrows(NoSuchElementException.class, keys::next);
        assertTrue(m.entrySet().contains(Map.entry(5, 25)));
        assertFalse(m.entrySet().contains(Map.entry(5, 26)));
        assertEquals("{a=1}", PersistentMap.of("a", 1).toString());
        assertEquals("{}", PersistentMap.of().toString());
        TreeMap<String, Integer> sorted = new TreeMap<>(Map.of("a", 1, "b", 2, "c", 3));
        assertEquals(sorted, PersistentMap.copyOf(sorted));
        assertSame(m, PersistentMap.copyOf(m));
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> {
            var it = PersistentMap.of().entrySet().iterator();
            it.next();
        });
        assertTrue(e.getMessage().contains("no more"));
    }

    @Test
    void putOfTheSameValueAndRemoveOfAnAbsentKeyReturnTheSameMap() {
        PersistentMap<String, Integer> m = PersistentMap.of("a", 1);
        assertSame(m, m.plus("a", 1));
        assertSame(m, m.minus("zz"));
        assertEquals(Map.of("a", 2), m.plus("a", 2));
        assertEquals(Map.of("a", 1), m);
    }

    @Test
    void transientAfterPersistentThrowsAndFromAnotherThreadThrowsWrongThread() throws Exception {
        TransientMap<String, Integer> t = PersistentMap.<String, Integer>of().asTransient();
        t.put("a", 1);
        Throwable fromOther = CompletableFuture.supplyAsync(() -> {
            try {
                t.put("b", 2);
                return null;
            } catch (Throwable e) {
                return e;
            }
        }).get();
        assertTrue(fromOther instanceof WrongThreadException, String.valueOf(fromOther));
        assertTrue(fromOther.getMessage().contains("persistent()"), fromOther.getMessage());
        PersistentMap<String, Integer> m = t.persistent();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.put("c", 3));
        assertTrue(e.getMessage().contains("TransientMap was used after persistent()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> t.get("a"));
        assertThrows(IllegalStateException.class, t::persistent);
        assertEquals(Map.of("a", 1), m);
    }

    @Test
    void aTransientEditsItsOwnNodesInPlace() {
        PersistentMap<Long, Long> base = PersistentMap.empty(Codec.LONG, Codec.LONG);
        TransientMap<Long, Long> t = base.asTransient();
        for (long k = 0; k < 1000; k++) {
            t.putLong(k, k);
        }
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            for (long k = 0; k < 1000; k++) {
                t.putLong(k, -k);
            }
            assertEquals(0, counter.snapshot().blocks(), "replacing values in owned nodes allocates nothing");
        }
        PersistentMap<Long, Long> frozen = t.persistent();
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
            TransientMap<Long, Long> again = frozen.asTransient();
            again.putLong(0, 99);
            again.putLong(0, 98);
            assertEquals(TrieShape.of(frozen).maxDepth + 1L, counter.snapshot().blocks(),
                    "the first edit copies the path once; the second edits the copies in place");
            assertEquals(98, again.persistent().getLong(0));
        }
        assertEquals(0, frozen.getLong(0));
    }
}
