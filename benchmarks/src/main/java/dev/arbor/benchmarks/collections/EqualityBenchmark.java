package dev.arbor.benchmarks.collections;

import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.collections.vector.TransientVector;
import java.util.ArrayList;
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
 * {@code equals} between {@code long -> long} maps, and between {@code long} vectors, of equal
 * contents, in the three ways it can go, and between maps that differ in one entry: against one made from this one by an update and its undo
 * (the tries share every node but one path, which is all a comparison by structure reads),
 * against the same contents built separately (nothing shared: node by node), against one made
 * from this one by replacing one key or changing one value (unequal, told at the first node that
 * differs), and against a
 * {@code java.util} collection (entry by entry, as {@code AbstractMap.equals} and
 * {@code AbstractList.equals} go). Nanoseconds per {@code equals}; one fork, Arbor only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class EqualityBenchmark {
    /** Entries in each map. */
    @Param({"1000", "1000000"})
    public int size;

    private PersistentMap<Long, Long> map;
    private PersistentMap<Long, Long> derived;
    private PersistentMap<Long, Long> oneValueChanged;
    private PersistentMap<Long, Long> oneKeyReplaced;
    private PersistentMap<Long, Long> rebuilt;
    private HashMap<Long, Long> hashMap;
    private PersistentVector<Long> vector;
    private PersistentVector<Long> derivedVector;
    private PersistentVector<Long> rebuiltVector;
    private ArrayList<Long> arrayList;

    /** Makes the maps. */
    @Setup(Level.Trial)
    public void setUp() {
        LongMapData d = new LongMapData(size, 42);
        map = build(d, false);
        rebuilt = build(d, true);
        long absent = d.missKeys[0];
        derived = map.plusLong(absent, 1).minusLong(absent);
        oneValueChanged = map.plusLong(d.keys[size / 2], d.values[size / 2] + 1);
        oneKeyReplaced = map.minusLong(d.keys[size / 2]).plusLong(absent, d.values[size / 2]);
        hashMap = new HashMap<>(map);
        vector = vector(d);
        rebuiltVector = vector(d);
        int middle = size / 2;
        derivedVector = vector.withLong(middle, -1).withLong(middle, vector.getLong(middle));
        arrayList = new ArrayList<>(vector);
    }

    private static PersistentVector<Long> vector(LongMapData d) {
        TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
        for (long k : d.keys) {
            t.appendLong(k);
        }
        return t.persistent();
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
    public boolean mapShared() {
        return map.equals(derived);
    }

    /** Against a map made from this one by giving one key another value: unequal. */
    @Benchmark
    public boolean mapOneValueChanged() {
        return map.equals(oneValueChanged);
    }

    /** Against a map made from this one by replacing one key by another (same size): unequal. */
    @Benchmark
    public boolean mapOneKeyReplaced() {
        return map.equals(oneKeyReplaced);
    }

    /** Against the same entries built separately (shares nothing). */
    @Benchmark
    public boolean mapSeparate() {
        return map.equals(rebuilt);
    }

    /** Against a {@code HashMap} of the same entries: entry by entry. */
    @Benchmark
    public boolean mapEntryByEntry() {
        return map.equals(hashMap);
    }

    /** Against a vector made from this one (shares all but one path). */
    @Benchmark
    public boolean vectorShared() {
        return vector.equals(derivedVector);
    }

    /** Against the same elements built separately (shares nothing). */
    @Benchmark
    public boolean vectorSeparate() {
        return vector.equals(rebuiltVector);
    }

    /** Against an {@code ArrayList} of the same elements: element by element. */
    @Benchmark
    public boolean vectorElementByElement() {
        return vector.equals(arrayList);
    }
}
