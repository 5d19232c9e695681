package dev.arbor.benchmarks.nativeformat;

import dev.arbor.api.Allocator;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.collections.champ.PersistentMap;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code plusAll} between {@code long -> long} maps of one arena that are not of one lineage of
 * updates, under the arena: a managed map with a map made from it there by a few updates (1% of
 * the entries, at most {@value NativeData#BATCH}: a native map that shares the managed one's
 * subtrees), and a map built in the arena with a small map of as many new keys built apart
 * there. {@code join=structure} is {@code plusAll} as it is; {@code join=entries} gives it the
 * argument as a plain {@link Map} view, so entry by entry. Nanoseconds per union; the arena is made again for each
 * iteration, as the unions' nodes fill it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class NativeUnionBenchmark {
    /** Entries in the receiving map. */
    @Param({"1000", "1000000"})
    public int size;

    /** By structure ({@code plusAll} as it is) or entry by entry (the argument as a plain map). */
    @Param({"structure", "entries"})
    public String join;

    NativeData data;
    PersistentMap<Long, Long> managed;
    Allocator arena;
    PersistentMap<Long, Long> nativeMap;
    Map<Long, Long> updated;
    Map<Long, Long> smallApart;

    /** Makes the data and the managed map. */
    @Setup(Level.Trial)
    public void makeData() {
        data = new NativeData(size, 42);
        managed = NativeWorkloads.buildMap(data.keys, data.values);
    }

    /** A new arena holding the native maps. */
    @Setup(Level.Iteration)
    public void open() {
        arena = NativeWorkloads.newArena("RETAIN_CAPACITY");
        int few = Math.min(NativeData.BATCH, Math.max(1, size / 100));
        long[] newKeys = new long[few];
        long[] newValues = new long[few];
        for (int i = 0; i < few; i++) {
            newKeys[i] = -1 - i;
            newValues[i] = i;
        }
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            PersistentMap<Long, Long> u = managed;
            for (int i = 0; i < few; i++) {
                u = u.plusLong(data.keys[i], data.values[i] + 1);
            }
            nativeMap = NativeWorkloads.buildMap(data.keys, data.values);
            PersistentMap<Long, Long> small = NativeWorkloads.buildMap(newKeys, newValues);
            boolean entries = join.equals("entries");
            updated = entries ? Collections.unmodifiableMap(u) : u;
            smallApart = entries ? Collections.unmodifiableMap(small) : small;
        }
    }

    /** Frees the arena and everything the iteration made in it. */
    @TearDown(Level.Iteration)
    public void close() {
        nativeMap = null;
        updated = null;
        smallApart = null;
        arena.close();
    }

    /** The managed map with a native map made from it by a few updates. */
    @Benchmark
    public PersistentMap<Long, Long> managedWithUpdated() {
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            return managed.plusAll(updated);
        }
    }

    /** A native map with a small native map built apart. */
    @Benchmark
    public PersistentMap<Long, Long> nativeWithSmallApart() {
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            return nativeMap.plusAll(smallApart);
        }
    }
}
