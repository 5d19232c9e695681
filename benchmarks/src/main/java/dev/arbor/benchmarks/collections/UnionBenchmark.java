package dev.arbor.benchmarks.collections;

import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
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
import org.openjdk.jmh.annotations.Warmup;
import scala.Tuple2;
import scala.collection.mutable.Builder;

/**
 * The union of two {@code long -> long} maps ({@code plusAll}; Scala's {@code concat}, which also
 * joins two CHAMP tries by structure), in three shapes: with a map made from this one by a few
 * updates (1% of the entries, at most {@value LongMapData#BATCH}), with a small map of new keys
 * (as many), and with a map of as many entries and other keys. {@code arbor} joins the tries
 * node by node; {@code arborEntries} is the same call given the argument as a plain
 * {@link java.util.Map} view, so entry by entry (what {@code plusAll} did before, and does for
 * other maps). Nanoseconds per union; each {@code lib} in its own fork.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class UnionBenchmark {
    /** Entries in the map. */
    @Param({"1000", "1000000"})
    public int size;

    /** The library, or Arbor entry by entry. */
    @Param({"arbor", "arborEntries", "scala"})
    public String lib;

    private Union union;

    /** Makes the maps. */
    @Setup(Level.Trial)
    public void setUp() {
        LongMapData d = new LongMapData(size, 42);
        LongMapData other = new LongMapData(size, 43);
        int few = Math.min(LongMapData.BATCH, Math.max(1, size / 100));
        union = switch (lib) {
            case "arbor" -> new ArborUnion(d, other, few, false);
            case "arborEntries" -> new ArborUnion(d, other, few, true);
            case "scala" -> new ScalaUnion(d, other, few);
            default -> throw new IllegalArgumentException("unknown lib " + lib);
        };
    }

    /** With a map made from this one by a few updates. */
    @Benchmark
    public Object withUpdated() {
        return union.withUpdated();
    }

    /** With a small map of new keys. */
    @Benchmark
    public Object withSmall() {
        return union.withSmall();
    }

    /** With a map of as many entries and other keys. */
    @Benchmark
    public Object withDisjoint() {
        return union.withDisjoint();
    }

    /** The number of entries of a union's result (for the test). */
    int sizeOf(Object result) {
        return union.sizeOf(result);
    }

    /** The value of {@code key} in a union's result (for the test). */
    long valueOf(Object result, long key) {
        return union.valueOf(result, key);
    }

    /** A library's three unions. */
    interface Union {
        Object withUpdated();

        Object withSmall();

        Object withDisjoint();

        int sizeOf(Object result);

        /** The value of {@code key} in a union's result. */
        long valueOf(Object result, long key);
    }

    static final class ArborUnion implements Union {
        private final PersistentMap<Long, Long> map;
        private final Map<Long, Long> updated;
        private final Map<Long, Long> small;
        private final Map<Long, Long> disjoint;

        ArborUnion(LongMapData d, LongMapData other, int few, boolean entryByEntry) {
            map = build(d.keys, d.values, d.keys.length);
            PersistentMap<Long, Long> u = map;
            for (int i = 0; i < few; i++) {
                u = u.plusLong(d.keys[i], d.values[i] + 1);
            }
            PersistentMap<Long, Long> s = build(other.keys, other.values, few);
            PersistentMap<Long, Long> o = build(other.keys, other.values, other.keys.length);
            updated = entryByEntry ? Collections.unmodifiableMap(u) : u;
            small = entryByEntry ? Collections.unmodifiableMap(s) : s;
            disjoint = entryByEntry ? Collections.unmodifiableMap(o) : o;
        }

        private static PersistentMap<Long, Long> build(long[] keys, long[] values, int count) {
            TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            for (int i = 0; i < count; i++) {
                t.putLong(keys[i], values[i]);
            }
            return t.persistent();
        }

        @Override
        public Object withUpdated() {
            return map.plusAll(updated);
        }

        @Override
        public Object withSmall() {
            return map.plusAll(small);
        }

        @Override
        public Object withDisjoint() {
            return map.plusAll(disjoint);
        }

        @Override
        public int sizeOf(Object result) {
            return ((PersistentMap<?, ?>) result).size();
        }

        @Override
        @SuppressWarnings("unchecked")
        public long valueOf(Object result, long key) {
            return ((PersistentMap<Long, Long>) result).getLong(key);
        }
    }

    static final class ScalaUnion implements Union {
        private final scala.collection.immutable.HashMap<Long, Long> map;
        private final scala.collection.immutable.HashMap<Long, Long> updated;
        private final scala.collection.immutable.HashMap<Long, Long> small;
        private final scala.collection.immutable.HashMap<Long, Long> disjoint;

        ScalaUnion(LongMapData d, LongMapData other, int few) {
            map = build(d.boxedKeys, d.boxedValues, d.keys.length);
            scala.collection.immutable.HashMap<Long, Long> u = map;
            for (int i = 0; i < few; i++) {
                u = u.updated(d.boxedKeys[i], d.values[i] + 1);
            }
            updated = u;
            small = build(other.boxedKeys, other.boxedValues, few);
            disjoint = build(other.boxedKeys, other.boxedValues, other.keys.length);
        }

        private static scala.collection.immutable.HashMap<Long, Long> build(Long[] keys, Long[] values, int count) {
            Builder<Tuple2<Long, Long>, scala.collection.immutable.HashMap<Long, Long>> b =
                    scala.collection.immutable.HashMap$.MODULE$.newBuilder();
            for (int i = 0; i < count; i++) {
                b.addOne(new Tuple2<>(keys[i], values[i]));
            }
            return b.result();
        }

        @Override
        public Object withUpdated() {
            return map.concat(updated);
        }

        @Override
        public Object withSmall() {
            return map.concat(small);
        }

        @Override
        public Object withDisjoint() {
            return map.concat(disjoint);
        }

        @Override
        public int sizeOf(Object result) {
            return ((scala.collection.immutable.HashMap<?, ?>) result).size();
        }

        @Override
        @SuppressWarnings("unchecked")
        public long valueOf(Object result, long key) {
            return ((scala.collection.immutable.HashMap<Long, Long>) result).apply(key);
        }
    }
}
