package dev.arbor.benchmarks.nativeformat;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.collections.vector.TransientVector;

/**
 * The bodies of the native-format benchmarks, shared by the JMH suites, the report mains and the
 * tests, so what CI checks is exactly what JMH measures.
 *
 * <p>A format is a name: {@value #MANAGED} (no allocator current: nodes are JVM objects, their
 * garbage is the JVM collector's work) or {@value #ARENA} (an arena current: nodes are native
 * blocks, all freed by one reset). The collection code is the same; only the current allocator
 * differs.
 */
public final class NativeWorkloads {
    /** The managed format: no allocator current. */
    public static final String MANAGED = "managed";
    /** The native format: an arena current. */
    public static final String ARENA = "arena";
    /** The native format in a shared arena: its values are readable on any thread, each access checked. */
    public static final String SHARED_ARENA = "sharedArena";
    /** Arena chunk size: a 10^6-entry map takes about two chunks. */
    public static final String CHUNK_SIZE = "16m";

    private NativeWorkloads() {
    }

    /**
     * The allocator a format builds in: {@code null} for {@value #MANAGED}, a new arena (confined
     * to the calling thread, {@code RETAIN_CAPACITY}) for {@value #ARENA}, a shared one for
     * {@value #SHARED_ARENA}.
     *
     * @throws IllegalArgumentException if {@code format} is neither
     */
    public static Allocator open(String format) {
        return switch (format) {
            case MANAGED -> null;
            case ARENA -> newArena("RETAIN_CAPACITY");
            case SHARED_ARENA -> Allocators.create(ARENA,
                    AllocatorConfig.of("chunkSize", CHUNK_SIZE, "resetMode", "RETAIN_CAPACITY", "shared", "true"));
            default -> throw new IllegalArgumentException("format must be '" + MANAGED + "', '" + ARENA + "' or '"
                    + SHARED_ARENA + "', got '" + format + "'");
        };
    }

    /**
     * A new arena with {@value #CHUNK_SIZE} chunks and {@code resetMode}, created by provider name
     * as a host application does.
     *
     * @throws IllegalStateException if the allocator named "arena" on the class path is not native
     */
    public static Allocator newArena(String resetMode) {
        Allocator arena = Allocators.create(ARENA, AllocatorConfig.of("chunkSize", CHUNK_SIZE, "resetMode", resetMode));
        if (!arena.isNative()) {
            arena.close();
            throw new IllegalStateException("the '" + ARENA + "' allocator on the class path is not native: "
                    + arena.name() + "; put arbor-spi-arena on the class path");
        }
        return arena;
    }

    /** Closes {@code allocator} unless it is {@code null} (the managed format). */
    public static void close(Allocator allocator) {
        if (allocator != null) {
            allocator.close();
        }
    }

    /** Builds a {@code long -> long} map through a transient, in whatever allocator is current. */
    public static PersistentMap<Long, Long> buildMap(long[] keys, long[] values) {
        TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        for (int i = 0; i < keys.length; i++) {
            t.putLong(keys[i], values[i]);
        }
        return t.persistent();
    }

    /** Builds a {@code long} vector through a transient, in whatever allocator is current. */
    public static PersistentVector<Long> buildVector(long[] elements) {
        TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
        for (long e : elements) {
            t.appendLong(e);
        }
        return t.persistent();
    }

    /**
     * One build of the map in {@code arena} (or managed if {@code null}) and its disposal: the
     * arena is reset, the managed map is dropped for the JVM to collect. Returns a value that
     * depends on the map (its size plus the value of the last key), read before the reset.
     */
    public static long buildMapAndDrop(Allocator arena, NativeData data) {
        if (arena == null) {
            return mapCheck(buildMap(data.keys, data.values), data);
        }
        long check;
        try (AllocatorScope _ = CurrentAllocator.use(arena)) {
            check = mapCheck(buildMap(data.keys, data.values), data);
        }
        arena.reset();
        return check;
    }

    /** As {@link #buildMapAndDrop}, for the vector: its size plus its last element. */
    public static long buildVectorAndDrop(Allocator arena, NativeData data) {
        if (arena == null) {
            return vectorCheck(buildVector(data.elements));
        }
        long check;
        try (AllocatorScope _ = CurrentAllocator.use(arena)) {
            check = vectorCheck(buildVector(data.elements));
        }
        arena.reset();
        return check;
    }

    /** What {@link #buildMapAndDrop} returns for a correct map. */
    public static long expectedMapCheck(NativeData data) {
        return data.size() + data.values[data.size() - 1];
    }

    /** What {@link #buildVectorAndDrop} returns for a correct vector. */
    public static long expectedVectorCheck(NativeData data) {
        return data.size() + data.elements[data.size() - 1];
    }

    /** Builds the map in {@code arena} (or managed if {@code null}) and keeps it: the arena is not reset. */
    public static PersistentMap<Long, Long> buildMapIn(Allocator arena, NativeData data) {
        if (arena == null) {
            return buildMap(data.keys, data.values);
        }
        try (AllocatorScope _ = CurrentAllocator.use(arena)) {
            return buildMap(data.keys, data.values);
        }
    }

    /**
     * As {@link #buildMapIn}, but put by put: the transient starts from a one-entry map, so it
     * edits node by node and its nodes end up scattered in memory, as after many updates.
     */
    public static PersistentMap<Long, Long> buildMapPutByPutIn(Allocator arena, NativeData data) {
        if (arena == null) {
            return buildMapPutByPut(data.keys, data.values);
        }
        try (AllocatorScope _ = CurrentAllocator.use(arena)) {
            return buildMapPutByPut(data.keys, data.values);
        }
    }

    private static PersistentMap<Long, Long> buildMapPutByPut(long[] keys, long[] values) {
        TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).plusLong(keys[0], values[0]).asTransient();
        for (int i = 1; i < keys.length; i++) {
            t.putLong(keys[i], values[i]);
        }
        return t.persistent();
    }

    /** Builds the vector in {@code arena} (or managed if {@code null}) and keeps it. */
    public static PersistentVector<Long> buildVectorIn(Allocator arena, NativeData data) {
        if (arena == null) {
            return buildVector(data.elements);
        }
        try (AllocatorScope _ = CurrentAllocator.use(arena)) {
            return buildVector(data.elements);
        }
    }

    /** Sum of {@code map.getLong} over {@code keys} (all present): equals {@link NativeData#hitSum}. */
    public static long sumHits(PersistentMap<Long, Long> map, long[] keys) {
        long sum = 0;
        for (long k : keys) {
            sum += map.getLong(k);
        }
        return sum;
    }

    /** Sum of {@code vector.getLong} over {@code indices}: equals {@link NativeData#indexSum}. */
    public static long sumIndices(PersistentVector<Long> vector, int[] indices) {
        long sum = 0;
        for (int i : indices) {
            sum += vector.getLong(i);
        }
        return sum;
    }

    /**
     * Sum of {@code key ^ value} over the map's entries, through {@code forEachLong} (the fastest
     * public iteration: no entry objects, no boxes): equals {@link NativeData#entrySum}.
     */
    public static long iterateMap(PersistentMap<Long, Long> map) {
        long[] sum = {0};
        map.forEachLong((k, v) -> sum[0] += k ^ v);
        return sum[0];
    }

    /** Sum of the vector's elements through {@code forEachLong}: equals {@link NativeData#elementSum}. */
    public static long iterateVector(PersistentVector<Long> vector) {
        long[] sum = {0};
        vector.forEachLong(e -> sum[0] += e);
        return sum[0];
    }

    private static long mapCheck(PersistentMap<Long, Long> map, NativeData data) {
        return map.size() + map.getLong(data.keys[data.size() - 1]);
    }

    private static long vectorCheck(PersistentVector<Long> vector) {
        return vector.size() + vector.getLong(vector.size() - 1);
    }
}
