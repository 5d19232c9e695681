package dev.arbor.collections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.champ.TransientSet;
import dev.arbor.collections.codec.Codec;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.gc.GcAllocator;
import dev.arbor.collections.testing.Seeds;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.collections.vector.TransientVector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Java serialization of vectors, maps and sets: a round trip gives an equal collection of the
 * same codecs, for every codec, size and hash shape; the stream holds elements, never nodes, so a
 * native value writes the same bytes as its managed copy; reading builds under the current
 * allocator; and a corrupt stream is refused with {@link InvalidObjectException}, never read back
 * as a smaller or malformed collection.
 */
class SerializationTest {
    private static final int[] SIZES = {0, 1, 31, 32, 33, 1057, 40_000};
    private static final long KEY_A = 0x1122334455667788L;
    private static final long KEY_B = 0x1122334455667799L;

    /** A key whose hash the test chooses, so that keys collide fully ({@code hash} equal) or in part. */
    record Collider(long id, int hash) implements Serializable {
        @Override
        public boolean equals(Object o) {
            return o instanceof Collider c && c.id == id;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Test
    void everyCodecAndSizeRoundTripsToAnEqualCollectionOfTheSameCodecs() throws Exception {
        long seed = Seeds.seed();
        Random rnd = new Random(seed);
        String replay = Seeds.replay(seed);
        for (int n : SIZES) {
            List<Long> longs = new ArrayList<>();
            List<Object> objects = new ArrayList<>();
            List<Double> doubles = new ArrayList<>(List.of(Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY));
            Map<Long, Long> longMap = new HashMap<>();
            Map<Collider, Double> colliding = new HashMap<>();
            Map<Integer, Object> intToObject = new HashMap<>();
            for (int i = 0; i < n; i++) {
                long x = rnd.nextLong();
                longs.add(x);
                objects.add(i % 7 == 0 ? null : "s" + x);
                doubles.add(rnd.nextDouble());
                longMap.put(x, rnd.nextLong());
                // About four keys a hash: they collide fully, and small hashes share prefixes.
                colliding.put(new Collider(i, rnd.nextInt(1 + n / 4)), rnd.nextDouble());
                intToObject.put(rnd.nextInt(), i % 5 == 0 ? null : List.of(i));
            }
            String at = replay + "size " + n + ": ";
            checkRoundTrip(at + "long vector", longs, longVector(longs), Codec.LONG);
            checkRoundTrip(at + "object vector", objects, PersistentVector.copyOf(objects), Codec.object());
            checkRoundTrip(at + "double vector", doubles, vectorOf(Codec.DOUBLE, doubles), Codec.DOUBLE);
            checkRoundTrip(at + "long set", new HashSet<>(longs), setOf(Codec.LONG, longs), Codec.LONG);
            checkRoundTrip(at + "double set", new HashSet<>(doubles), setOf(Codec.DOUBLE, doubles), Codec.DOUBLE);
            checkRoundTrip(at + "colliding set", colliding.keySet(), setOf(Codec.object(), colliding.keySet()),
                    Codec.object());
            checkMapRoundTrip(at + "long->long map", longMap, mapOf(Codec.LONG, Codec.LONG, longMap));
            checkMapRoundTrip(at + "colliding->double map", colliding, mapOf(Codec.object(), Codec.DOUBLE, colliding));
            checkMapRoundTrip(at + "int->object map", intToObject, mapOf(Codec.INT, Codec.object(), intToObject));
        }
    }

    @Test
    void aSliceWritesItsElementsOnly() throws Exception {
        PersistentVector<Long> v = longVector(range(5_000));
        PersistentVector<Long> slice = v.subList(1_234, 4_321);
        PersistentVector<Long> back = roundTrip(slice);
        assertEquals(slice, back);
        assertEquals(range(5_000).subList(1_234, 4_321), back);
        assertArrayEquals(serialize(longVector(range(5_000).subList(1_234, 4_321))), serialize(slice),
                "a slice writes what a vector of its elements writes");
    }

    @Test
    void primitiveCollectionsWriteTheirWordsAndLittleElse() throws Exception {
        int n = 10_000;
        PersistentMap<Long, Long> map = mapOf(Codec.LONG, Codec.LONG, longModel(n));
        int mapBytes = serialize(map).length;
        assertTrue(mapBytes >= 16 * n && mapBytes <= 16 * n + 1_000,
                "a long->long map of " + n + " writes 16 bytes an entry plus its header, wrote " + mapBytes);
        int vectorBytes = serialize(longVector(range(n))).length;
        assertTrue(vectorBytes >= 8 * n && vectorBytes <= 8 * n + 1_000,
                "a long vector of " + n + " writes 8 bytes an element plus its header, wrote " + vectorBytes);
        int intVectorBytes = serialize(vectorOf(Codec.INT, range(n).stream().map(Long::intValue).toList())).length;
        assertTrue(intVectorBytes >= 4 * n && intVectorBytes <= 4 * n + 1_000,
                "an int vector of " + n + " writes 4 bytes an element plus its header, wrote " + intVectorBytes);
    }

    @Test
    void codecsReadBackAsTheirConstants() throws Exception {
        for (Codec<?> c : List.of(Codec.LONG, Codec.INT, Codec.DOUBLE, Codec.object())) {
            assertSame(c, roundTrip(c));
        }
    }

    @Test
    void readingBuildsThroughTheCurrentAllocator() throws Exception {
        List<Long> keys = range(3_000);
        PersistentMap<Long, Long> map = mapOf(Codec.LONG, Codec.LONG, longModel(3_000));
        PersistentVector<Long> vector = longVector(keys);
        PersistentSet<Long> set = setOf(Codec.LONG, keys);
        byte[] mapBytes = serialize(map);
        byte[] vectorBytes = serialize(vector);
        byte[] setBytes = serialize(set);
        // What a transient fed in the stream's order allocates, node for node.
        long expected;
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            TransientMap<Long, Long> tm = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            map.forEachLong(tm::putLong);
            tm.persistent();
            longVector(keys);
            TransientSet<Long> ts = PersistentSet.empty(Codec.LONG).asTransient();
            set.forEachLong(ts::addLong);
            ts.persistent();
            expected = counter.snapshot().blocks();
        }
        try (CountingAllocator counter = CountingAllocator.over(new GcAllocator()); AllocatorScope s = CurrentAllocator.use(counter)) {
            assertEquals(map, deserialize(mapBytes));
            assertEquals(vector, deserialize(vectorBytes));
            assertEquals(set, deserialize(setBytes));
            assertTrue(expected > 0);
            assertEquals(expected, counter.snapshot().blocks(), "every node of a read collection goes through the allocator");
        }
    }

    @Test
    void underAnArenaReadingMakesANativeValueAndNativeValuesWriteWhatTheirCopiesWrite() throws Exception {
        Map<Long, Object> model = new HashMap<>();
        for (long i = 0; i < 2_000; i++) {
            model.put(i, "value " + i);
        }
        byte[] managedBytes = serialize(mapOf(Codec.LONG, Codec.object(), model));
        ArenaAllocator arena = ArenaAllocator.create();
        PersistentMap<Long, Object> read;
        PersistentMap<Long, Object> built;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            long before = arena.stats().blocksAllocated();
            read = deserialize(managedBytes);
            assertTrue(arena.stats().blocksAllocated() > before, "the read map's nodes are the arena's blocks");
            built = mapOf(Codec.LONG, Codec.object(), model);
        }
        // The values are referred to only from native nodes now (through the arena's roots).
        System.gc();
        assertEquals(model, read);
        assertArrayEquals(managedBytes, serialize(built), "a native map writes the bytes of a managed one");
        assertArrayEquals(managedBytes, serialize(read));
        PersistentMap<Long, Object> kept = read.copyToHeap();
        arena.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> serialize(read));
        assertTrue(e.getMessage().contains("closed") || e.getMessage().contains("reset"), e.getMessage());
        assertEquals(model, deserialize(serialize(kept)));
    }

    @Test
    void repeatedElementsAreRefusedNotDropped() throws Exception {
        byte[] map = serialize(mapOf(Codec.LONG, Codec.LONG, Map.of(KEY_A, 1L, KEY_B, 2L)));
        InvalidObjectException e = assertThrows(InvalidObjectException.class,
                () -> deserialize(replace(map, word(KEY_B), word(KEY_A))));
        assertTrue(e.getMessage().contains("PersistentMap of 2 keys repeats 1"), e.getMessage());
        byte[] set = serialize(setOf(Codec.LONG, List.of(KEY_A, KEY_B)));
        e = assertThrows(InvalidObjectException.class, () -> deserialize(replace(set, word(KEY_B), word(KEY_A))));
        assertTrue(e.getMessage().contains("PersistentSet of 2 elements repeats 1"), e.getMessage());
    }

    @Test
    void negativeSizesAreRefused() throws Exception {
        // The size is the int written just before the first element.
        for (Object c : List.of(longVector(List.of(KEY_A)), setOf(Codec.LONG, List.of(KEY_A)),
                mapOf(Codec.LONG, Codec.LONG, Map.of(KEY_A, 1L)))) {
            byte[] bytes = serialize(c);
            int at = indexOf(bytes, word(KEY_A)) - 4;
            assertEquals(1, ByteBuffer.wrap(bytes, at, 4).getInt(), "found the size of " + c);
            ByteBuffer.wrap(bytes).putInt(at, -1);
            InvalidObjectException e = assertThrows(InvalidObjectException.class, () -> deserialize(bytes));
            assertTrue(e.getMessage().contains("negative size: -1"), e.getMessage());
        }
    }

    @Test
    void aTruncatedStreamFailsWithAnIOException() throws Exception {
        byte[] bytes = serialize(longVector(range(100)));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 8);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> deserialize(cut));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void aStreamThatFailsPartWayUnderAnArenaLeavesNoBlockBehind() throws Exception {
        Map<Long, Long> model = longModel(5_000);
        List<Long> elements = range(5_000);
        List<byte[]> failing = new ArrayList<>();
        for (Object c : List.of(mapOf(Codec.LONG, Codec.LONG, model), longVector(elements), setOf(Codec.LONG, elements),
                mapOf(Codec.LONG, Codec.object(), Map.of(1L, "one", 2L, "two")))) {
            byte[] bytes = serialize(c);
            failing.add(Arrays.copyOf(bytes, bytes.length * 2 / 3));
        }
        failing.add(replace(serialize(mapOf(Codec.LONG, Codec.LONG, Map.of(KEY_A, 1L, KEY_B, 2L))), word(KEY_B), word(KEY_A)));
        try (ArenaAllocator arena = ArenaAllocator.create(); AllocatorScope s = CurrentAllocator.use(arena)) {
            for (byte[] bytes : failing) {
                assertThrows(IOException.class, () -> {
                    try {
                        deserialize(bytes);
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                });
                assertEquals(0, arena.stats().liveBlocks(), "the nodes read before the failure are freed");
            }
            assertTrue(arena.stats().blocksAllocated() > 100, "the failed reads built native nodes first");
        }
    }

    @Test
    void threadsWriteOneNativeMapAndReadItIntoArenasOfTheirOwn() throws Exception {
        Map<Long, Object> model = new HashMap<>();
        for (long i = 0; i < 3_000; i++) {
            model.put(i, i % 3 == 0 ? null : "v" + i);
        }
        byte[] expected = serialize(mapOf(Codec.LONG, Codec.object(), model));
        // Shared: other threads may read its values (a confined arena's refuse them).
        try (ArenaAllocator shared = ArenaAllocator.builder().shared(true).build();
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            PersistentMap<Long, Object> nativeMap;
            try (AllocatorScope s = CurrentAllocator.use(shared)) {
                nativeMap = mapOf(Codec.LONG, Codec.object(), model);
            }
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        byte[] bytes = serialize(nativeMap);
                        assertArrayEquals(expected, bytes);
                        // Each thread reads into an arena of its own: its current allocator, not the writer's.
                        try (ArenaAllocator own = ArenaAllocator.create(); AllocatorScope s = CurrentAllocator.use(own)) {
                            PersistentMap<Long, Object> back = deserialize(bytes);
                            assertTrue(own.stats().blocksAllocated() > 0);
                            System.gc();
                            assertEquals(model, back);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(model, nativeMap);
        }
    }

    private static <E> void checkRoundTrip(String what, Collection<E> model, Collection<E> value, Codec<E> codec)
            throws InvalidObjectException {
        Collection<E> back = roundTrip(value);
        assertEquals(value.getClass(), back.getClass(), what);
        assertEquals(model, back, what);
        assertEquals(value, back, what);
        assertEquals(model.hashCode(), back.hashCode(), what);
        Codec<?> backCodec = back instanceof PersistentVector<E> v ? v.codec() : ((PersistentSet<E>) back).codec();
        assertSame(codec, backCodec, what);
    }

    private static <K, V> void checkMapRoundTrip(String what, Map<K, V> model, PersistentMap<K, V> value)
            throws InvalidObjectException {
        PersistentMap<K, V> back = roundTrip(value);
        assertEquals(model, back, what);
        assertEquals(value, back, what);
        assertEquals(model.hashCode(), back.hashCode(), what);
        assertSame(value.keyCodec(), back.keyCodec(), what);
        assertSame(value.valueCodec(), back.valueCodec(), what);
    }

    private static PersistentVector<Long> longVector(List<Long> elements) {
        TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
        elements.forEach(t::appendLong);
        return t.persistent();
    }

    private static <E> PersistentVector<E> vectorOf(Codec<E> codec, List<E> elements) {
        return PersistentVector.empty(codec).appendAll(elements);
    }

    private static <E> PersistentSet<E> setOf(Codec<E> codec, Collection<E> elements) {
        return PersistentSet.empty(codec).plusAll(elements);
    }

    private static <K, V> PersistentMap<K, V> mapOf(Codec<K> keys, Codec<V> values, Map<K, V> entries) {
        return PersistentMap.empty(keys, values).plusAll(entries);
    }

    private static List<Long> range(int n) {
        List<Long> l = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    private static Map<Long, Long> longModel(int n) {
        Map<Long, Long> m = new HashMap<>();
        for (long i = 0; i < n; i++) {
            m.put(i * 0x9E3779B97F4A7C15L, i);
        }
        return m;
    }

    private static byte[] word(long w) {
        return ByteBuffer.allocate(8).putLong(w).array();
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not in the stream: " + Arrays.toString(part));
    }

    private static byte[] replace(byte[] bytes, byte[] part, byte[] by) {
        byte[] copy = bytes.clone();
        System.arraycopy(by, 0, copy, indexOf(bytes, part), by.length);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws InvalidObjectException {
        return (T) deserialize(serialize(value));
    }

    private static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> T deserialize(byte[] bytes) throws InvalidObjectException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (T) in.readObject();
        } catch (InvalidObjectException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
