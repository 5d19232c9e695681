package dev.arbor.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.roots.RootTable;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Roots keep JVM objects alive across real collections, with no cap on their number (the seed's
 * collector aborted after ~2,040 root sets), and let them go when released or at reset.
 */
class ArenaRootsTest {
    private static final int ROOTS = 1_000_000;
    private static final int MAX_GC_ROUNDS = 50;

    @Test
    void aMillionRootsSurviveCollectionsAndAreReleasedIndividuallyAndAtReset() throws InterruptedException {
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            RootTable roots = arena.roots();
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            List<WeakReference<long[]>> refs = new ArrayList<>(ROOTS);
            long[] handles = new long[ROOTS];
            for (int i = 0; i < ROOTS; i++) {
                long[] object = {i};
                handles[i] = roots.register(object);
                refs.add(new WeakReference<>(object, queue));
            }
            assertEquals(ROOTS, arena.stats().pinnedRoots());

            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            // All of them, cheaply: a cleared reference would be enqueued.
            assertNull(queue.remove(200), "a rooted object was collected");
            for (int i = 0; i < ROOTS; i += 1009) {
                assertNotNull(refs.get(i).get(), "rooted object " + i + " was collected");
                assertEquals(i, ((long[]) roots.resolve(handles[i]))[0]);
            }

            int[] released = {0, 123_456, ROOTS - 1};
            for (int i : released) {
                roots.release(handles[i]);
            }
            assertEquals(ROOTS - released.length, arena.stats().pinnedRoots());
            Set<Reference<?>> cleared = new HashSet<>();
            for (int round = 0; round < MAX_GC_ROUNDS && cleared.size() < released.length; round++) {
                System.gc();
                drain(queue, cleared, 50);
            }
            Set<Reference<?>> expected = new HashSet<>();
            for (int i : released) {
                expected.add(refs.get(i));
            }
            assertEquals(expected, cleared, "exactly the released objects became collectable");
            assertNotNull(refs.get(1).get(), "an object still rooted survived");

            arena.reset();
            assertEquals(0, arena.stats().pinnedRoots());
            for (int round = 0; round < MAX_GC_ROUNDS && cleared.size() < ROOTS; round++) {
                System.gc();
                drain(queue, cleared, 50);
            }
            assertEquals(ROOTS, cleared.size(), "after reset every object became collectable");
            assertNull(refs.get(ROOTS / 2).get());
            assertTrue(refs.stream().allMatch(r -> r.get() == null));
        }
    }

    private static void drain(ReferenceQueue<Object> queue, Set<Reference<?>> into, long waitMillis)
            throws InterruptedException {
        Reference<?> r = queue.remove(waitMillis);
        while (r != null) {
            into.add(r);
            r = queue.poll();
        }
    }
}
