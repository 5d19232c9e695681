package dev.arbor.benchmarks.collections;

import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.champ.TransientSet;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
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
 * A sum over a stream of {@code Long}s, sequential and parallel. Sets: Arbor's spliterator, which
 * splits along the trie; the same set through an iterator-based spliterator ({@code arborIterator}:
 * what {@code Collection.spliterator()} gives by default, and what the set had before, copying
 * elements into arrays to split); the set's unboxed {@code longStream()} ({@code arborLongStream});
 * {@code java.util.HashSet}. A {@code long -> long} map's keys: its {@code keySet()}
 * ({@code arborMapKeys}) and its unboxed {@code keyLongStream()} ({@code arborMapKeyLongStream}). Lists: Arbor's vector, whose
 * spliterator reads leaf by leaf ({@code arborVector}); the same vector through a list view of its
 * {@code get} ({@code arborVectorGet}: {@code AbstractList}'s default, what the vector had
 * before); the vector's unboxed {@code longStream()} ({@code arborVectorLongStream});
 * {@code java.util.ArrayList}. Nanoseconds per sum.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class ParallelStreamBenchmark {
    /** Elements in the set. */
    @Param({"1000000"})
    public int size;

    /** A set ({@code arbor}, {@code arborIterator}, {@code arborLongStream}, {@code javaHashSet}) or a list (the others). */
    @Param({"arbor", "arborIterator", "arborLongStream", "javaHashSet", "arborMapKeys", "arborMapKeyLongStream", "arborVector",
        "arborVectorGet", "arborVectorLongStream", "javaArrayList"})
    public String lib;

    private Collection<Long> set;
    private PersistentMap<Long, Long> map;

    /** Makes the set. */
    @Setup(Level.Trial)
    public void setUp() {
        LongMapData d = new LongMapData(size, 42);
        if (lib.startsWith("arborVector") || lib.equals("javaArrayList")) {
            PersistentVector<Long> v = PersistentVector.ofLongs(d.keys);
            set = switch (lib) {
                case "arborVector", "arborVectorLongStream" -> v;
                case "arborVectorGet" -> new GetView(v);
                default -> new ArrayList<>(v);
            };
            return;
        }
        if (lib.startsWith("arborMap")) {
            TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            for (int i = 0; i < size; i++) {
                t.putLong(d.keys[i], d.values[i]);
            }
            map = t.persistent();
            set = map.keySet();
            return;
        }
        if (lib.equals("javaHashSet")) {
            HashSet<Long> s = HashSet.newHashSet(size);
            for (Long k : d.boxedKeys) {
                s.add(k);
            }
            set = s;
            return;
        }
        TransientSet<Long> t = PersistentSet.empty(Codec.LONG).asTransient();
        for (long k : d.keys) {
            t.addLong(k);
        }
        set = t.persistent();
    }

    private Stream<Long> stream(boolean parallel) {
        if (lib.equals("arborIterator")) {
            return StreamSupport.stream(Spliterators.spliterator(set, Spliterator.DISTINCT), parallel);
        }
        return parallel ? set.parallelStream() : set.stream();
    }

    private LongStream longs(boolean parallel) {
        if (lib.equals("arborMapKeyLongStream")) {
            LongStream s = map.keyLongStream();
            return parallel ? s.parallel() : s;
        }
        if (lib.equals("arborVectorLongStream") || lib.equals("arborLongStream")) {
            LongStream s = set instanceof PersistentVector<Long> v ? v.longStream() : ((PersistentSet<Long>) set).longStream();
            return parallel ? s.parallel() : s;
        }
        return stream(parallel).mapToLong(Long::longValue);
    }

    /** The sum on one thread. */
    @Benchmark
    public long sequentialSum() {
        return longs(false).sum();
    }

    /** The sum on the common pool. */
    @Benchmark
    public long parallelSum() {
        return longs(true).sum();
    }

    /** A list of a vector's {@code get}: {@code AbstractList}'s spliterator, one {@code get} per element. */
    private static final class GetView extends AbstractList<Long> implements RandomAccess {
        private final PersistentVector<Long> vector;

        GetView(PersistentVector<Long> vector) {
            this.vector = vector;
        }

        @Override
        public Long get(int index) {
            return vector.get(index);
        }

        @Override
        public int size() {
            return vector.size();
        }
    }

    /** The set, for the test. */
    Collection<Long> set() {
        return set;
    }
}
