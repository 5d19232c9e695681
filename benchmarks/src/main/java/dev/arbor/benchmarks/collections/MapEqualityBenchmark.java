package dev.arbor.benchmarks.collections;

import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import java.util.HashMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code equals} between {@code long -> long} maps of equal contents, in the three ways it can
 * go: against a map made from this one by an update and its undo (the tries share every subtree
 * but one path, which is all a comparison by structure reads), against the same entries built
 * separately (no shared subtree: the structure is compared node by node), and against a
 * {@code java.util.HashMap} (entry by entry, as {@code AbstractMap.equals}). Nanoseconds per
 * {@code equals}; one fork, Arbor only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class MapEqualityBenchmark {
    /** Entries in each map. */
    @Param({"1000", "1000000"})
    public int size;

    private PersistentMap<Long, Long> map;
    private PersistentMap<Long, Long> derived;
    private PersistentMap<Long, Long> rebuilt;
    private HashMap<Long, Long> hashMap;

    /** Makes the maps. */
    @Setup(Level.Trial)
    public void setUp() {
        LongMapData d = new LongMapData(size, 42);
        map = build(d, false);
        rebuilt = build(d, true);
        long absent = d.missKeys[0];
        derived = map.plusLong(absent, 1).minusLong(absent);
        hashMap = new HashMap<>(map);
    }

    private static PersistentMap<Long, Long> build(LongMapData d, boolean reversed) {
        TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        for (int i = 0; i < d.keys.length; i++) {
            int j = reversed ? d.keys.length - 1 - i : i;
            t.putLong(d.keys[j], d.values[j]);
        }
        return t.persistent();
    }

    /** Against a map made from this one (shares all but one path). */
    @Benchmark
    public boolean sharedStructure() {
        return map.equals(derived);
    }

    /** Against the same entries built separately (shares nothing). */
    @Benchmark
    public boolean separateStructure() {
        return map.equals(rebuilt);
    }

    /** Against a {@code HashMap} of the same entries: entry by entry. */
    @Benchmark
    public boolean entryByEntry() {
        return map.equals(hashMap);
    }
}
