package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code equals} between vectors, which compares two tries leaf by leaf: it must answer as
 * {@link ArrayList#equals} does for vectors built every way (appends, transients, pops, sets,
 * prefixes), in both formats and across codecs.
 */
class VectorEqualityTest {

    /** The same contents, made another way: appended one by one after a detour through longer and shorter vectors. */
    private static PersistentVector<Long> rebuilt(List<Long> model, Codec<Long> codec, Random rnd) {
        PersistentVector<Long> v = PersistentVector.empty(codec);
        switch (rnd.nextInt(3)) {
            case 0 -> {
                for (Long e : model) {
                    v = v.append(e);
                }
            }
            case 1 -> {
                // Longer, then popped back; then the elements set in place.
                TransientVector<Long> t = v.asTransient();
                for (int i = 0; i < model.size() + 40; i++) {
                    t.append(-1L);
                }
                for (int i = 0; i < 40; i++) {
                    t.pop();
                }
                for (int i = 0; i < model.size(); i++) {
                    t.set(i, model.get(i));
                }
                v = t.persistent();
            }
            default -> {
                // A prefix of a longer vector.
                List<Long> longer = new ArrayList<>(model);
                for (int i = 0; i < 1 + rnd.nextInt(2_000); i++) {
                    longer.add((long) i);
                }
                v = v.appendAll(longer).subList(0, model.size());
            }
        }
        return v;
    }

    @Test
    void equalsAnswersAsArrayListForVectorsBuiltEveryWay() {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        Random rnd = new Random(seed);
        for (Codec<Long> codec : List.of(Codec.LONG, Codec.<Long>object())) {
            for (int size : new int[] {0, 1, 31, 32, 33, 64, 1024, 1056, 1057, 32 * 32 * 32 + 33, 40_000}) {
                List<Long> model = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    model.add((long) rnd.nextInt(1_000));
                }
                String at = msg + codec.name() + " size " + size + ": ";
                PersistentVector<Long> a = rebuilt(model, codec, rnd);
                PersistentVector<Long> b = rebuilt(model, codec, rnd);
                assertEquals(model, a, at + "contents");
                assertEquals(a, b, at + "built two ways");
                assertEquals(b, a, at + "built two ways, the other way");
                assertEquals(a.hashCode(), b.hashCode(), at + "hashCode");
                if (size > 0) {
                    int i = rnd.nextInt(size);
                    PersistentVector<Long> changed = b.with(i, model.get(i) + 1);
                    assertNotEquals(a, changed, at + "element " + i + " changed");
                    assertNotEquals(changed, a, at + "element " + i + " changed, the other way");
                    assertEquals(a, changed.with(i, model.get(i)), at + "element " + i + " set back");
                    assertNotEquals(a, b.pop(), at + "one shorter");
                    assertNotEquals(a.pop(), b, at + "one shorter, the other way");
                }
                PersistentVector<Long> otherCodec = PersistentVector.<Long>empty(codec == Codec.LONG ? Codec.object() : Codec.LONG).appendAll(model);
                assertEquals(a, otherCodec, at + "another codec: element by element");
                assertEquals(otherCodec, a, at + "another codec, the other way");
            }
        }
    }

    @Test
    void nativeAndManagedVectorsOfEqualElementsAreEqual() {
        List<Long> model = new ArrayList<>();
        for (long i = 0; i < 5_000; i++) {
            model.add(i * i);
        }
        PersistentVector<Long> managed = PersistentVector.empty(Codec.LONG).appendAll(model);
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentVector<Long> nativeVector;
            PersistentVector<Long> nativeChanged;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                nativeVector = PersistentVector.empty(Codec.LONG).appendAll(model);
                nativeChanged = nativeVector.withLong(4_321, -1);
            }
            assertEquals(managed, nativeVector);
            assertEquals(nativeVector, managed);
            assertEquals(model, nativeVector);
            assertNotEquals(managed, nativeChanged);
            assertNotEquals(nativeChanged, nativeVector);
        }
    }

    @Test
    void doublesCompareAsDoubleEqualsDoes() {
        // List equality uses Double.equals: NaN equals NaN, 0.0 does not equal -0.0.
        PersistentVector<Double> nan = PersistentVector.empty(Codec.DOUBLE).append(Double.NaN);
        assertEquals(Arrays.asList(Double.NaN), nan);
        assertEquals(nan, PersistentVector.empty(Codec.DOUBLE).append(Double.longBitsToDouble(0x7ff8000000000001L)));
        assertNotEquals(PersistentVector.empty(Codec.DOUBLE).append(0.0), PersistentVector.empty(Codec.DOUBLE).append(-0.0));
    }
}
