package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code containsValue}, which compares inline values as words along the trie: it answers as
 * {@link HashMap#containsValue} does for every value codec, for values of another type and for
 * {@code null}, and on native maps until their allocator's reset.
 */
class ContainsValueTest {

    @Test
    void answersAsHashMapForEveryValueCodec() {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        double[] doubles = {0.0, -0.0, Double.NaN, 1.5, Double.NEGATIVE_INFINITY};
        for (int n : new int[] {0, 1, 7, 33, 1_000, 20_000}) {
            String at = Seeds.replay(seed) + "size " + n + ", ";
            check(at + "long", Codec.LONG, n, i -> rnd.nextLong(3L * n + 1), rnd);
            check(at + "int", Codec.INT, n, i -> rnd.nextInt(3 * n + 1), rnd);
            check(at + "double", Codec.DOUBLE, n, i -> doubles[rnd.nextInt(doubles.length)], rnd);
            check(at + "object", Codec.object(), n, i -> rnd.nextInt(20) == 0 ? null : "v" + rnd.nextInt(3 * n + 1), rnd);
        }
    }

    private static <V> void check(String what, Codec<V> values, int n, IntFunction<V> value, Random rnd) {
        Map<Long, V> model = new HashMap<>();
        for (int i = 0; i < n; i++) {
            model.put(rnd.nextLong(), value.apply(i));
        }
        PersistentMap<Long, V> m = PersistentMap.empty(Codec.LONG, values).plusAll(model);
        List<Object> probes = new ArrayList<>(model.values().stream().limit(10).toList());
        for (int i = 0; i < 10; i++) {
            probes.add(value.apply(i));
        }
        probes.add(null);
        probes.add("absent");
        probes.add(1);
        probes.add(1L);
        probes.add(-0.0);
        for (Object o : probes) {
            assertEquals(model.containsValue(o), m.containsValue(o), what + " containsValue " + o);
        }
    }

    @Test
    void aNativeMapIsSearchedUntilItsReset() {
        ArenaAllocator arena = ArenaAllocator.create();
        PersistentMap<Long, Long> m;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            for (long i = 0; i < 5_000; i++) {
                t.putLong(i, i * 7);
            }
            m = t.persistent();
        }
        assertTrue(m.containsValue(7L * 4_999));
        assertFalse(m.containsValue(7L * 5_000));
        arena.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.containsValue(7L));
        assertTrue(e.getMessage().contains("closed") || e.getMessage().contains("reset"), e.getMessage());
    }
}
