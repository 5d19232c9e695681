package dev.arbor.benchmarks.collections;

import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.champ.TransientSet;
import dev.arbor.collections.codec.Codec;
import java.util.Collections;
import java.util.Set;
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
import scala.collection.mutable.Builder;

/**
 * The difference ({@code minusAll}; Scala's {@code diff}, which also walks two CHAMP tries by
 * structure) and the intersection ({@code intersect}; Scala's {@code intersect}, which took time
 * in proportion to the receiver even against a set made from it, 137 ms at 10^6) of two sets of
 * {@code long}s, each against three sets: one made from this set by removing a few elements (1%,
 * at most {@value LongMapData#BATCH}), a small set of its own elements built separately (as
 * many), and a set of as many other elements. {@code arbor} walks both tries; {@code arborEntries}
 * is the same call given the argument as a plain {@link java.util.Set} view, so element by element
 * (what both do for any other argument). Nanoseconds per operation; each {@code lib} in its own
 * fork.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class SetFilterBenchmark {
    /** Elements in the set. */
    @Param({"1000", "1000000"})
    public int size;

    /** The library, or Arbor element by element. */
    @Param({"arbor", "arborEntries", "scala"})
    public String lib;

    private Filters filters;

    /** Makes the sets. */
    @Setup(Level.Trial)
    public void setUp() {
        LongMapData d = new LongMapData(size, 42);
        LongMapData other = new LongMapData(size, 43);
        int few = Math.min(LongMapData.BATCH, Math.max(1, size / 100));
        filters = switch (lib) {
            case "arbor" -> new ArborFilters(d, other, few, false);
            case "arborEntries" -> new ArborFilters(d, other, few, true);
            case "scala" -> new ScalaFilters(d, other, few);
            default -> throw new IllegalArgumentException("unknown lib " + lib);
        };
    }

    /** Without a set made from this one by removing a few elements: what is left is those few. */
    @Benchmark
    public Object withoutDerived() {
        return filters.minus(Shape.DERIVED);
    }

    /** Without a few of its own elements, in a set built separately. */
    @Benchmark
    public Object withoutSmall() {
        return filters.minus(Shape.SMALL);
    }

    /** Without a set of as many other elements: nothing goes. */
    @Benchmark
    public Object withoutDisjoint() {
        return filters.minus(Shape.DISJOINT);
    }

    /** With a set made from this one by removing a few elements: all but those few stay. */
    @Benchmark
    public Object intersectDerived() {
        return filters.intersect(Shape.DERIVED);
    }

    /** With a few of its own elements, in a set built separately: those few stay. */
    @Benchmark
    public Object intersectSmall() {
        return filters.intersect(Shape.SMALL);
    }

    /** With a set of as many other elements: nothing stays. */
    @Benchmark
    public Object intersectDisjoint() {
        return filters.intersect(Shape.DISJOINT);
    }

    /** The number of elements of a result (for the test). */
    int sizeOf(Object result) {
        return filters.sizeOf(result);
    }

    /** Whether a result holds {@code e} (for the test). */
    boolean holds(Object result, long e) {
        return filters.holds(result, e);
    }

    /** The three arguments. */
    enum Shape { DERIVED, SMALL, DISJOINT }

    /** A library's difference and intersection with each argument. */
    interface Filters {
        Object minus(Shape argument);

        Object intersect(Shape argument);

        int sizeOf(Object result);

        boolean holds(Object result, long e);
    }

    static final class ArborFilters implements Filters {
        private final PersistentSet<Long> set;
        private final Set<Long> derived;
        private final Set<Long> small;
        private final Set<Long> disjoint;

        ArborFilters(LongMapData d, LongMapData other, int few, boolean elementByElement) {
            set = build(d.keys, 0, d.keys.length);
            PersistentSet<Long> lessFew = set;
            for (int i = 0; i < few; i++) {
                lessFew = lessFew.minusLong(d.keys[i]);
            }
            PersistentSet<Long> s = build(d.keys, d.keys.length - few, d.keys.length);
            PersistentSet<Long> o = build(other.keys, 0, other.keys.length);
            derived = elementByElement ? Collections.unmodifiableSet(lessFew) : lessFew;
            small = elementByElement ? Collections.unmodifiableSet(s) : s;
            disjoint = elementByElement ? Collections.unmodifiableSet(o) : o;
        }

        private static PersistentSet<Long> build(long[] elements, int from, int to) {
            TransientSet<Long> t = PersistentSet.empty(Codec.LONG).asTransient();
            for (int i = from; i < to; i++) {
                t.addLong(elements[i]);
            }
            return t.persistent();
        }

        private Set<Long> argument(Shape shape) {
            return switch (shape) {
                case DERIVED -> derived;
                case SMALL -> small;
                case DISJOINT -> disjoint;
            };
        }

        @Override
        public Object minus(Shape argument) {
            return set.minusAll(argument(argument));
        }

        @Override
        public Object intersect(Shape argument) {
            return set.intersect(argument(argument));
        }

        @Override
        public int sizeOf(Object result) {
            return ((PersistentSet<?>) result).size();
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean holds(Object result, long e) {
            return ((PersistentSet<Long>) result).containsLong(e);
        }
    }

    static final class ScalaFilters implements Filters {
        private final scala.collection.immutable.HashSet<Long> set;
        private final scala.collection.immutable.HashSet<Long> derived;
        private final scala.collection.immutable.HashSet<Long> small;
        private final scala.collection.immutable.HashSet<Long> disjoint;

        ScalaFilters(LongMapData d, LongMapData other, int few) {
            set = build(d.boxedKeys, 0, d.keys.length);
            scala.collection.immutable.HashSet<Long> lessFew = set;
            for (int i = 0; i < few; i++) {
                lessFew = lessFew.excl(d.boxedKeys[i]);
            }
            derived = lessFew;
            small = build(d.boxedKeys, d.keys.length - few, d.keys.length);
            disjoint = build(other.boxedKeys, 0, other.keys.length);
        }

        private static scala.collection.immutable.HashSet<Long> build(Long[] elements, int from, int to) {
            Builder<Long, scala.collection.immutable.HashSet<Long>> b = scala.collection.immutable.HashSet$.MODULE$.newBuilder();
            for (int i = from; i < to; i++) {
                b.addOne(elements[i]);
            }
            return b.result();
        }

        private scala.collection.immutable.HashSet<Long> argument(Shape shape) {
            return switch (shape) {
                case DERIVED -> derived;
                case SMALL -> small;
                case DISJOINT -> disjoint;
            };
        }

        @Override
        public Object minus(Shape argument) {
            return set.diff(argument(argument));
        }

        @Override
        public Object intersect(Shape argument) {
            return set.intersect(argument(argument));
        }

        @Override
        public int sizeOf(Object result) {
            return ((scala.collection.immutable.HashSet<?>) result).size();
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean holds(Object result, long e) {
            return ((scala.collection.immutable.HashSet<Long>) result).contains(e);
        }
    }
}
