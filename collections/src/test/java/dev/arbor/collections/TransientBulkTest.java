package dev.arbor.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.champ.TransientSet;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.collections.vector.TransientVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The transients' bulk adds ({@code addAll}, {@code putAll}) add what their one-by-one forms
 * would, and an element refused part way leaves the earlier ones added and the transient usable.
 */
class TransientBulkTest {

    @Test
    void bulkAddsMatchJavaUtil() {
        List<Long> elements = new ArrayList<>();
        for (long i = 0; i < 2_000; i++) {
            elements.add(i % 700);
        }
        TransientVector<Long> tv = PersistentVector.ofLongs(-1).asTransient();
        assertEquals(concat(List.of(-1L), elements), tv.appendAll(elements).persistent());

        TransientSet<Long> ts = PersistentSet.ofLongs(-1).asTransient();
        Set<Long> set = new HashSet<>(elements);
        set.add(-1L);
        assertEquals(set, ts.addAll(elements).persistent());

        Map<Long, Long> entries = new LinkedHashMap<>();
        for (long e : elements) {
            entries.put(e, e * 3);
        }
        TransientMap<Long, Long> tm = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).asTransient();
        tm.putLong(5, -5).putLong(-1, -1);
        Map<Long, Long> model = new HashMap<>(Map.of(5L, -5L, -1L, -1L));
        model.putAll(entries);
        assertEquals(model, tm.putAll(entries).persistent());
    }

    @Test
    void aRefusedElementLeavesTheEarlierOnesAndTheTransientUsable() {
        List<Long> withNull = Arrays.asList(1L, 2L, null, 4L);
        TransientVector<Long> tv = PersistentVector.empty(Codec.LONG).asTransient();
        assertThrows(NullPointerException.class, () -> tv.appendAll(withNull));
        assertEquals(List.of(1L, 2L, 9L), tv.appendLong(9).persistent());

        TransientSet<Long> ts = PersistentSet.empty(Codec.LONG).asTransient();
        assertThrows(NullPointerException.class, () -> ts.addAll(withNull));
        assertEquals(Set.of(1L, 2L, 9L), ts.addLong(9).persistent());

        Map<Long, Long> entries = new LinkedHashMap<>();
        entries.put(1L, 1L);
        entries.put(2L, null);
        TransientMap<Long, Long> tm = PersistentMap.<Long, Long>empty(Codec.LONG, Codec.LONG).asTransient();
        assertThrows(NullPointerException.class, () -> tm.putAll(entries));
        assertEquals(Map.of(1L, 1L, 9L, 9L), tm.putLong(9, 9).persistent());
    }

    private static <E> List<E> concat(List<E> a, List<E> b) {
        List<E> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
