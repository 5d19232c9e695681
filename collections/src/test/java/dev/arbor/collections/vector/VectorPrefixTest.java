package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.codec.Codec;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code subList(0, k)}, which shares the vector's nodes instead of copying its elements: the
 * prefix must be a vector like any other (appends, sets, pops and transients on it match
 * {@link ArrayList}, across the tail and level boundaries), and it must cost one branch per level
 * and a leaf.
 */
class VectorPrefixTest {
    private static final int LEVEL_2 = 32 * 32;
    private static final int LEVEL_3 = 32 * 32 * 32;

    @ParameterizedTest(name = "codec {0}")
    @ValueSource(strings = {"long", "object"})
    void everyPrefixIsAVectorThatGrowsAndShrinksLikeArrayList(String codecName) {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        Random rnd = new Random(seed);
        Codec<Long> codec = codecName.equals("long") ? Codec.LONG : Codec.<Long>object();
        for (int size : new int[] {2, 33, 64, 65, LEVEL_2 + 32, LEVEL_2 + 33, LEVEL_3 + 32, LEVEL_3 + 33, 40_000}) {
            List<Long> model = LongStream.range(0, size).map(i -> i * 7 + 1).boxed().toList();
            PersistentVector<Long> v = PersistentVector.empty(codec).appendAll(model);
            // The cuts around every tail and level boundary below the size, and a few at random.
            TreeSet<Integer> cuts = new TreeSet<>();
            for (int b : new int[] {1, 31, 32, 33, 63, 64, 65, LEVEL_2, LEVEL_2 + 1, LEVEL_2 + 32, LEVEL_2 + 33,
                    LEVEL_3, LEVEL_3 + 1, LEVEL_3 + 32, LEVEL_3 + 33, size - 1}) {
                if (b > 0 && b < size) {
                    cuts.add(b);
                }
            }
            for (int i = 0; i < 4; i++) {
                cuts.add(1 + rnd.nextInt(size - 1));
            }
            for (int k : cuts) {
                String at = msg + "subList(0, " + k + ") of " + size + ": ";
                PersistentVector<Long> prefix = v.subList(0, k);
                List<Long> expected = new ArrayList<>(model.subList(0, k));
                assertEquals(expected, prefix, at + "contents");
                assertEquals(expected.hashCode(), prefix.hashCode(), at + "hashCode");
                VectorSliceTest.exercise(prefix, expected, rnd, at);
                assertEquals(model, v, at + "the vector it came from changed");
            }
        }
    }

    @Test
    void aPrefixOfANativeVectorWorksOutsideItsArenaAsACopy() {
        List<Long> model = LongStream.range(0, 5_000).boxed().toList();
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            PersistentVector<Long> v;
            PersistentVector<Long> shared;
            try (AllocatorScope s = CurrentAllocator.use(arena)) {
                v = PersistentVector.empty(Codec.LONG).appendAll(model);
                shared = v.subList(0, 3_000);
            }
            // Read where the arena is not current: like get, subList works, and copies.
            PersistentVector<Long> copied = v.subList(0, 3_000);
            assertEquals(model.subList(0, 3_000), copied);
            assertEquals(model.subList(0, 3_000), shared);
            arena.reset();
            assertEquals(model.subList(0, 3_000), copied, "the copy outlives the arena's reset");
            assertThrows(IllegalStateException.class, () -> shared.get(0), "the prefix made in the arena went with it");
            assertThrows(IllegalStateException.class, () -> v.subList(0, 10));
        }
    }

    @Test
    void aPrefixCopiesOneBranchPerLevelAndTheLastLeaf() {
        // 10^5 longs: a trie three branches deep below the root's shift of 15, a tail of 32.
        PersistentVector<Long> v = PersistentVector.empty(Codec.LONG).appendAll(LongStream.range(0, 100_000).boxed().toList());
        int[][] cases = {
                // {k, blocks}: the tail alone when the cut falls in the tail or in the first leaf
                {99_990, 1}, {20, 1},
                // one branch per level on the path to the cut, plus the new tail
                {50_000, 4}, {LEVEL_3 + 33, 4},
                // the kept leaves fit below the root's first child: the trie loses a level
                {LEVEL_3, 3}, {1_000, 2}};
        for (int[] c : cases) {
            try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope ignored = CurrentAllocator.use(counter)) {
                PersistentVector<Long> prefix = v.subList(0, c[0]);
                assertEquals(c[1], counter.snapshot().blocks(), "blocks allocated by subList(0, " + c[0] + ")");
                assertEquals(c[0], prefix.size());
                assertEquals(c[0] - 1L, prefix.getLong(c[0] - 1));
                assertEquals(0L, prefix.getLong(0));
            }
        }
    }
}
