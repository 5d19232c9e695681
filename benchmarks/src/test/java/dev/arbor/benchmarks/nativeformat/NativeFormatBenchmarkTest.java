package dev.arbor.benchmarks.nativeformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorStats;
import dev.arbor.api.scope.CurrentAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each native-format benchmark body once outside JMH and checks that it computes the right
 * result and measures what its javadoc says: the arena format really builds native nodes and
 * frees them by reset, the managed format has no allocator current, the reads return the sums of
 * the data, and a reset invalidates the map it freed.
 */
class NativeFormatBenchmarkTest {
    private static final int SIZE = 10_000;

    @ParameterizedTest
    @ValueSource(strings = {NativeWorkloads.MANAGED, NativeWorkloads.ARENA})
    void buildBenchmarksBuildTheWholeCollectionAndTheArenaEndsEachBuildEmpty(String format) {
        NativeBuildBenchmark b = new NativeBuildBenchmark();
        b.size = SIZE;
        b.format = format;
        b.makeData();
        b.open();
        try {
            assertNull(CurrentAllocator.get(), "no allocator may stay current after a build");
            assertEquals(NativeWorkloads.expectedMapCheck(b.data), b.buildMap());
            assertEquals(NativeWorkloads.expectedVectorCheck(b.data), b.buildVector());
            if (format.equals(NativeWorkloads.MANAGED)) {
                assertNull(b.arena, "the managed format must build with no allocator current");
                return;
            }
            AllocatorStats s = b.arena.stats();
            // Setup's two warm-up builds and the two measured ones, each ended by a reset.
            assertEquals(4, s.resets(), s::toString);
            assertEquals(0, s.bytesInUse(), () -> "each build must leave the arena empty: " + s);
            assertTrue(s.blocksAllocated() > 2L * SIZE / 32, () -> "the nodes were not native blocks of the arena: " + s);
        } finally {
            b.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {NativeWorkloads.MANAGED, NativeWorkloads.ARENA, NativeWorkloads.SHARED_ARENA})
    void readBenchmarksReturnTheSumsOfTheData(String format) {
        NativeReadBenchmark b = new NativeReadBenchmark();
        b.size = SIZE;
        b.format = format;
        b.makeData();
        b.build();
        try {
            assertEquals(SIZE, b.map.size());
            assertEquals(SIZE, b.vector.size());
            assertEquals(b.data.hitSum, b.mapGetLongHit());
            assertEquals(b.data.indexSum, b.vectorGetLong());
            assertEquals(b.data.entrySum, b.mapIterate());
            assertEquals(b.data.elementSum, b.vectorIterate());
            if (!format.equals(NativeWorkloads.MANAGED)) {
                assertTrue(b.arena.stats().bytesInUse() >= 16L * SIZE, () -> "the collections are not in the arena: "
                        + b.arena.stats());
            }
        } finally {
            b.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RETAIN_CAPACITY", "FREE_ALL"})
    void resetBenchmarkFreesTheWholeMapAndInvalidatesIt(String mode) {
        ArenaResetBenchmark b = new ArenaResetBenchmark();
        b.size = SIZE;
        b.resetMode = mode;
        b.makeData();
        b.open();
        try {
            b.fill();
            assertEquals(SIZE, b.map.size());
            assertTrue(b.arena.stats().bytesInUse() > 0);
            long generation = b.arena.generation();
            assertEquals(generation + 1, b.reset());
            AllocatorStats s = b.arena.stats();
            assertEquals(0, s.bytesInUse(), s::toString);
            assertEquals(mode.equals("FREE_ALL"), s.bytesReserved() == 0, () -> "chunks kept after a " + mode + " reset: " + s);
            assertThrows(IllegalStateException.class, () -> b.map.getLong(b.data.keys[0]),
                    "a map read after its arena's reset must throw");
            b.fill();
            assertEquals(b.data.hitSum, NativeWorkloads.sumHits(b.map, b.data.hitKeys), "the arena is reusable after reset");
        } finally {
            b.close();
        }
    }

    @Test
    void aNativeLongToLongMapTakesAtMost24BytesPerEntry() {
        NativeFootprint.NativeUse use = NativeFootprint.nativeMap(new NativeData(100_000, 42));
        assertTrue(use.bytesPerEntry() <= 24, () -> "native bytes per entry: " + use.bytesPerEntry() + " (" + use + ")");
    }

    /**
     * The arena build's nodes are off the JVM heap, so it allocates a fraction of the managed
     * build's bytes there. Not zero: each node a transient replaces is freed, and the arena's free
     * boxes the address ({@code LargeBlocks.lookup}, a {@code HashMap<Long, ...>}), 16 bytes per
     * free, about a seventh of the managed build's bytes; the bound leaves room for that.
     */
    @Test
    void anArenaBuildAllocatesFarLessOnTheJvmHeapThanAManagedOne() {
        NativeData data = new NativeData(SIZE, 42);
        BuildGcReport.Run arena = BuildGcReport.run(NativeWorkloads.ARENA, "map", data, 3, 1);
        BuildGcReport.Run managed = BuildGcReport.run(NativeWorkloads.MANAGED, "map", data, 3, 1);
        assertTrue(arena.allocatedBytes() * 4 < managed.allocatedBytes(),
                () -> "JVM bytes allocated by 3 builds: arena " + arena.allocatedBytes() + ", managed " + managed.allocatedBytes());
    }
}
