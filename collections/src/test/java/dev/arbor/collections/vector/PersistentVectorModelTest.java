package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded randomized model tests: every vector operation, persistent and transient, against
 * {@link ArrayList}, at sizes from 0 to 10^5 (across the tail / one-level / two-level / three-level
 * trie boundaries). Failures print the seed; {@code -Darbor.test.seed=<n>} replays it.
 */
class PersistentVectorModelTest {
    private static final int[] TARGETS = {0, 1, 2, 31, 32, 33, 64, 65, 1024, 1056, 1057, 1089, 32 * 32 * 32 + 32 + 1, 100_000};

    record Snapshot(PersistentVector<Long> value, List<Long> model) {
    }

    @ParameterizedTest(name = "codec {0}")
    @ValueSource(strings = {"long", "object"})
    void persistentOperationsMatchArrayList(String codecName) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        Random rnd = new Random(seed);
        for (int target : TARGETS) {
            PersistentVector<Long> v = PersistentVector.empty(codec(codecName));
            List<Long> model = new ArrayList<>();
            List<Snapshot> snapshots = new ArrayList<>();
            // Grow to the target, with sets, pops and reads mixed in.
            while (model.size() < target) {
                int op = rnd.nextInt(100);
                if (op < 80) {
                    long e = rnd.nextLong();
                    v = rnd.nextBoolean() && codecName.equals("long") ? v.appendLong(e) : v.append(e);
                    model.add(e);
                } else if (op < 90 && !model.isEmpty()) {
                    int i = rnd.nextInt(model.size());
                    long e = rnd.nextLong();
                    v = codecName.equals("long") && rnd.nextBoolean() ? v.withLong(i, e) : v.with(i, e);
                    model.set(i, e);
                } else if (op < 95 && !model.isEmpty()) {
                    v = v.pop();
                    model.removeLast();
                } else if (!model.isEmpty()) {
                    int i = rnd.nextInt(model.size());
                    assertEquals(model.get(i), v.get(i), msg + "get(" + i + ") at size " + model.size());
                    assertEquals((long) model.get(i), v.getLong(i), msg + "getLong(" + i + ")");
                }
                assertEquals(model.size(), v.size(), msg + "size");
                if (rnd.nextInt(Math.max(1, target / 8)) == 0) {
                    snapshots.add(new Snapshot(v, new ArrayList<>(model)));
                }
            }
            assertEquals(model, v, msg + "contents at size " + target);
            assertEquals(model.hashCode(), v.hashCode(), msg + "hashCode at size " + target);
            if (target > 0) {
                int from = rnd.nextInt(target);
                int to = from + rnd.nextInt(target - from + 1);
                assertEquals(model.subList(from, to), v.subList(from, to), msg + "subList(" + from + ", " + to + ")");
            }
            // Shrink to empty by pops, checking the last element each time.
            PersistentVector<Long> grown = v;
            List<Long> grownModel = new ArrayList<>(model);
            while (!model.isEmpty()) {
                assertEquals(model.getLast(), v.get(v.size() - 1), msg + "last at size " + model.size());
                v = v.pop();
                model.removeLast();
                if (rnd.nextInt(Math.max(1, target / 4)) == 0) {
                    assertEquals(model, v, msg + "contents while popping at size " + model.size());
                }
            }
            assertEquals(List.of(), v, msg);
            assertThrows(java.util.NoSuchElementException.class, v::pop);
            // Every earlier value is untouched.
            assertEquals(grownModel, grown, msg + "grown value after pops");
            for (Snapshot s : snapshots) {
                assertEquals(s.model(), s.value(), msg + "snapshot of size " + s.model().size());
            }
        }
    }

    @ParameterizedTest(name = "codec {0}")
    @ValueSource(strings = {"long", "object"})
    void transientOperationsMatchArrayListAndNeverTouchEarlierValues(String codecName) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        Random rnd = new Random(seed);
        for (int target : TARGETS) {
            PersistentVector<Long> start = PersistentVector.empty(codec(codecName));
            List<Long> model = new ArrayList<>();
            List<Snapshot> snapshots = new ArrayList<>();
            TransientVector<Long> t = start.asTransient();
            int steps = target * 2 + 10;
            for (int step = 0; step < steps; step++) {
                int op = rnd.nextInt(100);
                if (op < 55 || model.isEmpty()) {
                    long e = rnd.nextLong();
                    if (codecName.equals("long") && rnd.nextBoolean()) {
                        t.appendLong(e);
                    } else {
                        t.append(e);
                    }
                    model.add(e);
                } else if (op < 75) {
                    int i = rnd.nextInt(model.size());
                    long e = rnd.nextLong();
                    if (codecName.equals("long") && rnd.nextBoolean()) {
                        t.setLong(i, e);
                    } else {
                        t.set(i, e);
                    }
                    model.set(i, e);
                } else if (op < 95) {
                    t.pop();
                    model.removeLast();
                } else {
                    int i = rnd.nextInt(model.size());
                    assertEquals(model.get(i), t.get(i), msg + "transient get(" + i + ")");
                    assertEquals((long) model.get(i), t.getLong(i), msg + "transient getLong(" + i + ")");
                }
                assertEquals(model.size(), t.size(), msg + "transient size");
                if (rnd.nextInt(Math.max(1, steps / 16)) == 0) {
                    // Freeze, keep the value, continue on a new transient of it.
                    PersistentVector<Long> frozen = t.persistent();
                    snapshots.add(new Snapshot(frozen, new ArrayList<>(model)));
                    TransientVector<Long> old = t;
                    assertThrows(IllegalStateException.class, () -> old.append(1L), msg);
                    // Continue from the frozen value, or from a persistent edit of it, whose
                    // path nodes no transient owns.
                    if (model.isEmpty() || rnd.nextBoolean()) {
                        t = frozen.asTransient();
                    } else {
                        int i = rnd.nextInt(model.size());
                        PersistentVector<Long> edited = frozen.with(i, -7L).append(-8L);
                        model.set(i, -7L);
                        model.add(-8L);
                        snapshots.add(new Snapshot(edited, new ArrayList<>(model)));
                        t = edited.asTransient();
                    }
                }
            }
            PersistentVector<Long> last = t.persistent();
            assertEquals(model, last, msg + "final transient contents, target " + target);
            for (Snapshot s : snapshots) {
                assertEquals(s.model(), s.value(), msg + "a value frozen earlier changed (size " + s.model().size() + ")");
            }
            // Persistent edits of a frozen value do not change it either.
            if (!model.isEmpty()) {
                PersistentVector<Long> edited = last.with(0, 7L).append(8L).pop().pop();
                assertEquals(model, last, msg + "persistent edits changed their source");
                assertEquals(model.size() - 1, edited.size(), msg);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Codec<Long> codec(String name) {
        return name.equals("long") ? Codec.LONG : (Codec<Long>) (Codec<?>) Codec.object();
    }
}
