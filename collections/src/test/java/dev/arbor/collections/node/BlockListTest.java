package dev.arbor.collections.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The undo log's block list: every block kept across chunk growth, newest first, drained once. */
class BlockListTest {
    @Test
    void keepsEveryBlockAcrossChunksAndDrainsNewestFirst() {
        BlockList list = new BlockList();
        assertTrue(list.isEmpty());
        int n = 100_000;
        for (long i = 1; i <= n; i++) {
            list.add(i * 16, i);
        }
        assertFalse(list.isEmpty());
        assertTrue(list.contains(16) && list.contains(n * 16L));
        assertFalse(list.contains(8));
        List<Long> drained = new ArrayList<>();
        list.drainNewestFirst((address, bytes) -> {
            assertEquals(address, bytes * 16);
            drained.add(bytes);
        });
        assertEquals(n, drained.size());
        for (int i = 0; i < n; i++) {
            assertEquals(n - i, (long) drained.get(i), "newest first");
        }
        assertTrue(list.isEmpty());
        assertFalse(list.contains(16), "a drained list holds nothing");
    }

    @Test
    void containsAnswersAsASetBelowAndAboveTheIndexAcrossClears() {
        long seed = dev.arbor.collections.testing.Seeds.seed();
        java.util.Random rnd = new java.util.Random(seed);
        String msg = dev.arbor.collections.testing.Seeds.replay(seed);
        BlockList list = new BlockList();
        for (int round = 0; round < 40; round++) {
            // Sizes around the index's threshold and its growth, one list reused throughout.
            int n = round % 4 == 0 ? rnd.nextInt(5_000) : rnd.nextInt(80);
            java.util.Set<Long> model = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                long address = 8L * (1 + rnd.nextInt(1 << 20));
                list.add(address, 64);
                model.add(address);
                if (rnd.nextInt(8) == 0) {
                    long probe = 8L * (1 + rnd.nextInt(1 << 20));
                    assertEquals(model.contains(probe), list.contains(probe), msg + "round " + round + " after " + (i + 1));
                }
            }
            for (long address : model) {
                assertTrue(list.contains(address), msg + "round " + round + ": " + address + " missing");
            }
            for (int i = 0; i < 200; i++) {
                long probe = 8L * (1 + rnd.nextInt(1 << 20));
                assertEquals(model.contains(probe), list.contains(probe), msg + "round " + round + ": probe " + probe);
            }
            if (rnd.nextBoolean()) {
                list.clear();
            } else {
                list.drainNewestFirst((address, bytes) -> { });
            }
            for (long address : model) {
                assertFalse(list.contains(address), msg + "round " + round + ": " + address + " still held after clearing");
            }
        }
    }

    @Test
    void aClearedListIsReusedAndAThrowingActionLeavesNothingToDrainTwice() {
        BlockList list = new BlockList();
        for (long i = 1; i <= 50; i++) {
            list.add(i, i);
        }
        list.clear();
        list.add(7, 7);
        List<Long> seen = new ArrayList<>();
        list.drainNewestFirst((address, bytes) -> seen.add(address));
        assertEquals(List.of(7L), seen, "only what was added after the clear");
        list.add(1, 1);
        list.add(2, 2);
        assertThrows(IllegalStateException.class, () -> list.drainNewestFirst((address, bytes) -> {
            throw new IllegalStateException("free failed");
        }));
        assertTrue(list.isEmpty(), "emptied before the action ran");
    }
}
