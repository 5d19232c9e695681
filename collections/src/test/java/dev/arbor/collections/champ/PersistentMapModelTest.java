package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded randomized model tests of {@link PersistentMap} and {@link TransientMap} against
 * {@link HashMap}, with keys whose hashes collide fully and partially, at sizes up to 10^5.
 * Failures print the seed; {@code -Darbor.test.seed=<n>} replays it.
 */
class PersistentMapModelTest {
    record Snapshot(PersistentMap<Key, Integer> value, Map<Key, Integer> model) {
    }

    @ParameterizedTest
    @EnumSource(HashScenario.class)
    void persistentOperationsMatchHashMap(HashScenario scenario) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed) + scenario + ": ";
        Random rnd = new Random(seed);
        for (int target : sizes(scenario)) {
            PersistentMap<Key, Integer> m = PersistentMap.of();
            Map<Key, Integer> model = new HashMap<>();
            List<Snapshot> snapshots = new ArrayList<>();
            int keySpace = Math.max(1, target + target / 2);
            int steps = 0;
            while (model.size() < target) {
                Key k = scenario.key(rnd.nextInt(keySpace));
                int op = rnd.nextInt(100);
                if (op < 70) {
                    // Small values: boxes are cached, so an equal value is the same reference.
                    Integer v = rnd.nextInt(100);
                    PersistentMap<Key, Integer> next = m.plus(k, v);
                    Integer old = model.put(k, v);
                    if (old == v) {
                        assertTrue(m == next, msg + "putting the same value must return the same map");
                    }
                    m = next;
                } else if (op < 85) {
                    PersistentMap<Key, Integer> next = m.minus(k);
                    if (model.remove(k) == null) {
                        assertTrue(m == next, msg + "removing an absent key must return the same map");
                    }
                    m = next;
                } else {
                    assertEquals(model.get(k), m.get(k), msg + "get " + k);
                    assertEquals(model.containsKey(k), m.containsKey(k), msg + "containsKey " + k);
                }
                assertEquals(model.size(), m.size(), msg + "size after step " + steps);
                if (rnd.nextInt(Math.max(1, target / 8)) == 0) {
                    snapshots.add(new Snapshot(m, new HashMap<>(model)));
                    TrieShape.of(m);
                }
                steps++;
            }
            assertMapEquals(model, m, msg + "size " + target);
            // Remove everything in random order.
            List<Key> keys = new ArrayList<>(model.keySet());
            Collections.shuffle(keys, rnd);
            for (int i = 0; i < keys.size(); i++) {
                m = m.minus(keys.get(i));
                model.remove(keys.get(i));
                assertEquals(model.size(), m.size(), msg);
                if (rnd.nextInt(Math.max(1, target / 4)) == 0) {
                    assertMapEquals(model, m, msg + "while removing, at size " + model.size());
                }
            }
            assertTrue(m.isEmpty(), msg);
            assertEquals(Map.of(), m, msg);
            for (Snapshot s : snapshots) {
                assertMapEquals(s.model(), s.value(), msg + "snapshot of size " + s.model().size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HashScenario.class)
    void transientOperationsMatchHashMapAndNeverTouchEarlierValues(HashScenario scenario) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed) + scenario + ": ";
        Random rnd = new Random(seed);
        for (int target : sizes(scenario)) {
            Map<Key, Integer> model = new HashMap<>();
            List<Snapshot> snapshots = new ArrayList<>();
            TransientMap<Key, Integer> t = PersistentMap.<Key, Integer>of().asTransient();
            int keySpace = Math.max(1, target + target / 2);
            int steps = target * 2 + 10;
            for (int step = 0; step < steps; step++) {
                Key k = scenario.key(rnd.nextInt(keySpace));
                int op = rnd.nextInt(100);
                if (op < 60) {
                    int v = rnd.nextInt(1000);
                    t.put(k, v);
                    model.put(k, v);
                } else if (op < 85) {
                    t.remove(k);
                    model.remove(k);
                } else {
                    assertEquals(model.get(k), t.get(k), msg + "transient get " + k);
                    assertEquals(model.containsKey(k), t.containsKey(k), msg + "transient containsKey " + k);
                }
                assertEquals(model.size(), t.size(), msg + "transient size at step " + step);
                if (rnd.nextInt(Math.max(1, steps / 16)) == 0) {
                    PersistentMap<Key, Integer> frozen = t.persistent();
                    snapshots.add(new Snapshot(frozen, new HashMap<>(model)));
                    TransientMap<Key, Integer> old = t;
                    assertThrows(IllegalStateException.class, () -> old.put(k, 1), msg);
                    // A persistent edit of the frozen value, kept as well.
                    PersistentMap<Key, Integer> edited = frozen.plus(k, -1);
                    Map<Key, Integer> editedModel = new HashMap<>(model);
                    editedModel.put(k, -1);
                    snapshots.add(new Snapshot(edited, editedModel));
                    // Continue from the frozen value, or from its persistent edit, whose path
                    // nodes no transient owns.
                    if (rnd.nextBoolean()) {
                        t = frozen.asTransient();
                    } else {
                        t = edited.asTransient();
                        model.clear();
                        model.putAll(editedModel);
                    }
                }
            }
            PersistentMap<Key, Integer> last = t.persistent();
            assertMapEquals(model, last, msg + "final transient contents, target " + target);
            for (Snapshot s : snapshots) {
                assertMapEquals(s.model(), s.value(), msg + "a value frozen earlier changed (size " + s.model().size() + ")");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = HashScenario.class, names = {"DISTINCT", "FULL_COLLISIONS", "PARTIAL_DEEP"})
    void longToLongMapsMatchHashMapWithoutBoxing(HashScenario scenario) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed) + scenario + ": ";
        Random rnd = new Random(seed);
        int target = Math.min(scenario.maxSize, 20_000);
        PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG);
        TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        Map<Long, Long> model = new HashMap<>();
        int keySpace = target + target / 2;
        for (int step = 0; step < target * 3; step++) {
            long k = longKey(scenario, rnd.nextInt(keySpace));
            int op = rnd.nextInt(100);
            if (op < 60) {
                long v = rnd.nextLong();
                m = m.plusLong(k, v);
                t.putLong(k, v);
                model.put(k, v);
            } else if (op < 85) {
                m = m.minusLong(k);
                t.removeLong(k);
                model.remove(k);
            } else {
                assertEquals(model.containsKey(k), m.containsLong(k), msg + "containsLong " + k);
                assertEquals(model.containsKey(k), t.containsLong(k), msg + "transient containsLong " + k);
                if (model.containsKey(k)) {
                    assertEquals((long) model.get(k), m.getLong(k), msg + "getLong " + k);
                    assertEquals((long) model.get(k), t.getLong(k), msg + "transient getLong " + k);
                } else {
                    assertEquals(42L, m.getLongOrDefault(k, 42L), msg);
                }
            }
        }
        assertMapEquals(model, m, msg);
        PersistentMap<Long, Long> fromTransient = t.persistent();
        assertMapEquals(model, fromTransient, msg);
        assertEquals(TrieShape.of(m).nodes, TrieShape.of(fromTransient).nodes,
                msg + "canonical: the same contents make the same shape whatever the path");
    }

    /** Long keys with chosen hashes: Long.hashCode((a << 32) | (a ^ h)) == h. */
    static long longKey(HashScenario scenario, long id) {
        int h = scenario.hash.applyAsInt(id);
        long high = id;
        return (high << 32) | ((high ^ h) & 0xFFFF_FFFFL);
    }

    private static int[] sizes(HashScenario scenario) {
        return new int[] {0, 1, 2, 3, 33, Math.min(scenario.maxSize, 1000), scenario.maxSize};
    }

    static <K, V> void assertMapEquals(Map<K, V> model, PersistentMap<K, V> m, String msg) {
        assertEquals(model.size(), m.size(), msg + " size");
        assertEquals(model, m, msg + " equals");
        assertEquals(m, model, msg + " equals, reversed");
        assertEquals(model.hashCode(), m.hashCode(), msg + " hashCode");
        int seen = 0;
        for (Map.Entry<K, V> e : m.entrySet()) {
            assertEquals(model.get(e.getKey()), e.getValue(), msg + " iterated entry " + e);
            seen++;
        }
        assertEquals(model.size(), seen, msg + " iteration count");
        assertFalse(m.containsKey(new Object()), msg);
        TrieShape.of(m);
    }
}
