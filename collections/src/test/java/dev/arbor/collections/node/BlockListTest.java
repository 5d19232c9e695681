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
