package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded randomized model tests of {@link PersistentSet} and {@link TransientSet} against
 * {@link HashSet}, with keys whose hashes collide fully and partially, at sizes up to 10^5.
 * Failures print the seed; {@code -Darbor.test.seed=<n>} replays it.
 */
class PersistentSetModelTest {
    record Snapshot(PersistentSet<Key> value, Set<Key> model) {
    }

    @ParameterizedTest
    @EnumSource(HashScenario.class)
    void persistentOperationsMatchHashSet(HashScenario scenario) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed) + scenario + ": ";
        Random rnd = new Random(seed);
        for (int target : sizes(scenario)) {
            PersistentSet<Key> s = PersistentSet.of();
            Set<Key> model = new HashSet<>();
            List<Snapshot> snapshots = new ArrayList<>();
            int keySpace = Math.max(1, target + target / 2);
            while (model.size() < target) {
                Key k = scenario.key(rnd.nextInt(keySpace));
                int op = rnd.nextInt(100);
                if (op < 70) {
                    PersistentSet<Key> next = s.plus(k);
                    if (!model.add(k)) {
                        assertTrue(next == s, msg + "adding a present element must return the same set");
                    }
                    s = next;
                } else if (op < 85) {
                    PersistentSet<Key> next = s.minus(k);
                    if (!model.remove(k)) {
                        assertTrue(next == s, msg + "removing an absent element must return the same set");
                    }
                    s = next;
                } else {
                    assertEquals(model.contains(k), s.contains(k), msg + "contains " + k);
                }
                assertEquals(model.size(), s.size(), msg + "size");
                if (rnd.nextInt(Math.max(1, target / 8)) == 0) {
                    snapshots.add(new Snapshot(s, new HashSet<>(model)));
                }
            }
            assertSetEquals(model, s, msg + "size " + target);
            List<Key> keys = new ArrayList<>(model);
            Collections.shuffle(keys, rnd);
            for (Key k : keys) {
                s = s.minus(k);
                model.remove(k);
                assertEquals(model.size(), s.size(), msg);
                if (rnd.nextInt(Math.max(1, target / 4)) == 0) {
                    assertSetEquals(model, s, msg + "while removing, at size " + model.size());
                }
            }
            assertEquals(Set.of(), s, msg);
            for (Snapshot snap : snapshots) {
                assertSetEquals(snap.model(), snap.value(), msg + "snapshot of size " + snap.model().size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HashScenario.class)
    void transientOperationsMatchHashSetAndNeverTouchEarlierValues(HashScenario scenario) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed) + scenario + ": ";
        Random rnd = new Random(seed);
        for (int target : sizes(scenario)) {
            Set<Key> model = new HashSet<>();
            List<Snapshot> snapshots = new ArrayList<>();
            TransientSet<Key> t = PersistentSet.<Key>of().asTransient();
            int keySpace = Math.max(1, target + target / 2);
            int steps = target * 2 + 10;
            for (int step = 0; step < steps; step++) {
                Key k = scenario.key(rnd.nextInt(keySpace));
                int op = rnd.nextInt(100);
                if (op < 60) {
                    t.add(k);
                    model.add(k);
                } else if (op < 85) {
                    t.remove(k);
                    model.remove(k);
                } else {
                    assertEquals(model.contains(k), t.contains(k), msg + "transient contains " + k);
                }
                assertEquals(model.size(), t.size(), msg + "transient size at step " + step);
                if (rnd.nextInt(Math.max(1, steps / 16)) == 0) {
                    PersistentSet<Key> frozen = t.persistent();
                    snapshots.add(new Snapshot(frozen, new HashSet<>(model)));
                    TransientSet<Key> old = t;
                    assertThrows(IllegalStateException.class, () -> old.add(k), msg);
                    PersistentSet<Key> edited = frozen.minus(k);
                    Set<Key> editedModel = new HashSet<>(model);
                    editedModel.remove(k);
                    snapshots.add(new Snapshot(edited, editedModel));
                    // Continue from the frozen value, or from its persistent edit, whose path
                    // nodes no transient owns.
                    if (rnd.nextBoolean()) {
                        t = frozen.asTransient();
                    } else {
                        t = edited.asTransient();
                        model.clear();
                        model.addAll(editedModel);
                    }
                }
            }
            assertSetEquals(model, t.persistent(), msg + "final transient contents, target " + target);
            for (Snapshot snap : snapshots) {
                assertSetEquals(snap.model(), snap.value(), msg + "a value frozen earlier changed (size " + snap.model().size() + ")");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = HashScenario.class, names = {"DISTINCT", "FULL_COLLISIONS", "PARTIAL_DEEP"})
    void longSetsMatchHashSetWithoutBoxing(HashScenario scenario) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed) + scenario + ": ";
        Random rnd = new Random(seed);
        int target = Math.min(scenario.maxSize, 20_000);
        PersistentSet<Long> s = PersistentSet.empty(Codec.LONG);
        TransientSet<Long> t = PersistentSet.empty(Codec.LONG).asTransient();
        Set<Long> model = new HashSet<>();
        int keySpace = target + target / 2;
        for (int step = 0; step < target * 3; step++) {
            long k = PersistentMapModelTest.longKey(scenario, rnd.nextInt(keySpace));
            int op = rnd.nextInt(100);
            if (op < 60) {
                s = s.plusLong(k);
                t.addLong(k);
                model.add(k);
            } else if (op < 85) {
                s = s.minusLong(k);
                t.removeLong(k);
                model.remove(k);
            } else {
                assertEquals(model.contains(k), s.containsLong(k), msg + "containsLong " + k);
                assertEquals(model.contains(k), t.containsLong(k), msg + "transient containsLong " + k);
            }
        }
        assertSetEquals(model, s, msg);
        PersistentSet<Long> fromTransient = t.persistent();
        assertSetEquals(model, fromTransient, msg);
        assertEquals(TrieShape.of(s).nodes, TrieShape.of(fromTransient).nodes, msg + "canonical shape");
    }

    private static int[] sizes(HashScenario scenario) {
        return new int[] {0, 1, 2, 3, 33, Math.min(scenario.maxSize, 1000), scenario.maxSize};
    }

    static <E> void assertSetEquals(Set<E> model, PersistentSet<E> s, String msg) {
        assertEquals(model.size(), s.size(), msg + " size");
        assertEquals(model, s, msg + " equals");
        assertEquals(s, model, msg + " equals, reversed");
        assertEquals(model.hashCode(), s.hashCode(), msg + " hashCode");
        int seen = 0;
        for (E e : s) {
            assertTrue(model.contains(e), msg + " iterated " + e);
            seen++;
        }
        assertEquals(model.size(), seen, msg + " iteration count");
        TrieShape.of(s);
    }
}
