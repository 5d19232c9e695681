package dev.arbor.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every {@code java.util} mutator of the persistent types and their views throws
 * {@link UnsupportedOperationException}, also when the call would change nothing (a missing key,
 * an empty argument, a predicate that matches nothing), as {@code List.of}/{@code Map.of}'s do.
 */
class ImmutabilityTest {

    @Test
    void everyMapMutatorThrowsEvenWhenItWouldChangeNothing() {
        PersistentMap<Long, Long> m = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).plusLong(1, 10);
        List<Executable> calls = List.of(
                () -> m.put(1L, 10L), () -> m.remove(99L), () -> m.putAll(Map.of()), () -> m.clear(),
                () -> m.replaceAll((k, v) -> v), () -> m.putIfAbsent(1L, 5L), () -> m.remove(99L, 1L),
                () -> m.replace(99L, 1L, 2L), () -> m.replace(99L, 1L), () -> m.computeIfAbsent(1L, k -> 3L),
                () -> m.computeIfPresent(99L, (k, v) -> v), () -> m.compute(99L, (k, v) -> null),
                () -> m.merge(1L, 10L, (a, b) -> a));
        assertAllRefused(calls, "PersistentMap");
        assertViewRefusesMutators(m.keySet(), 99L);
        assertViewRefusesMutators(m.values(), 99L);
        assertViewRefusesMutators(m.entrySet(), Map.entry(99L, 99L));
        PersistentMap<Long, Long> empty = PersistentMap.empty(Codec.LONG, Codec.LONG);
        assertThrows(UnsupportedOperationException.class, empty::clear, "clear of an empty map");
        assertEquals(Map.of(1L, 10L), m, "nothing changed");
    }

    @Test
    void everySetMutatorThrowsEvenWhenItWouldChangeNothing() {
        PersistentSet<Long> s = PersistentSet.ofLongs(1, 2);
        assertViewRefusesMutators(s, 99L);
        assertThrows(UnsupportedOperationException.class, () -> s.add(1L), "an element already there");
        assertEquals(Set.of(1L, 2L), s);
    }

    @Test
    void everyListMutatorThrowsEvenWhenItWouldChangeNothing() {
        PersistentVector<Long> v = PersistentVector.<Long>empty(Codec.LONG).appendLong(1).appendLong(2);
        for (PersistentVector<Long> list : List.of(v, v.subList(0, 1), PersistentVector.<Long>empty(Codec.LONG))) {
            List<Executable> calls = List.of(
                    () -> list.add(3L), () -> list.add(0, 3L), () -> list.set(0, 1L), () -> list.remove(0),
                    () -> list.remove((Object) 99L), () -> list.addAll(List.of()), () -> list.addAll(0, List.of()),
                    () -> list.removeAll(List.of()), () -> list.retainAll(new ArrayList<>(list)), () -> list.removeIf(e -> false),
                    () -> list.replaceAll(e -> e), () -> list.sort(null), () -> list.clear(), () -> list.addFirst(0L),
                    () -> list.addLast(0L), () -> list.removeFirst(), () -> list.removeLast());
            assertAllRefused(calls, "PersistentVector");
        }
        assertEquals(List.of(1L, 2L), v);
    }

    private static <E> void assertViewRefusesMutators(Collection<E> view, E absent) {
        List<Executable> calls = List.of(
                () -> view.add(absent), () -> view.remove(absent), () -> view.addAll(List.of()),
                () -> view.removeAll(List.of()), () -> view.retainAll(new ArrayList<>(view)),
                () -> view.removeIf(e -> false), () -> view.clear());
        assertAllRefused(calls, view.getClass().getName());
        Consumer<E> ignore = e -> { };
        var it = view.iterator();
        it.forEachRemaining(ignore);
        assertThrows(UnsupportedOperationException.class, it::remove, "iterator remove");
    }

    private static void assertAllRefused(List<Executable> calls, String what) {
        for (int i = 0; i < calls.size(); i++) {
            assertThrows(UnsupportedOperationException.class, calls.get(i), what + " mutator #" + i);
        }
    }
}
