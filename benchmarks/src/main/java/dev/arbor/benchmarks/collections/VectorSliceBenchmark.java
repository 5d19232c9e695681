package dev.arbor.benchmarks.collections;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.collections.vector.TransientVector;
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
import org.pcollections.PVector;

/**
 * A persistent slice of a vector of {@code long}s: without its first element (a queue taken from
 * the front) and its middle half. Arbor's {@code subList} against the copy it made before
 * ({@code arborCopy}: the range appended to a transient, element by element) and the peers'
 * slices: Scala's {@code slice}, Clojure's {@code subvec} (a view that keeps the whole vector),
 * Vavr's {@code slice}, PCollections' {@code subList}. Nanoseconds per slice.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class VectorSliceBenchmark {
    /** Elements in the vector. */
    @Param({"1000", "1000000"})
    public int size;

    /** The library. */
    @Param({"arbor", "arborCopy", "scala", "clojure", "vavr", "pcollections"})
    public String lib;

    private Object vector;

    /** Builds the vector with the library's fastest builder. */
    @Setup(Level.Trial)
    public void setUp() {
        LongVectorData d = new LongVectorData(size, 42);
        LongVectorLib impl = LongVectorLib.of(lib.equals("arborCopy") ? "arbor" : lib);
        impl.load(d);
        vector = impl.vector();
    }

    /** All but the first element. */
    @Benchmark
    public Object dropFirst() {
        return slice(1, size);
    }

    /** The middle half. */
    @Benchmark
    public Object middleHalf() {
        return slice(size / 4, size - size / 4);
    }

    @SuppressWarnings("unchecked")
    Object slice(int from, int to) {
        return switch (lib) {
            case "arbor" -> ((PersistentVector<Long>) vector).subList(from, to);
            case "arborCopy" -> copy((PersistentVector<Long>) vector, from, to);
            case "scala" -> ((scala.collection.immutable.Vector<Long>) vector).slice(from, to);
            case "clojure" -> clojure.lang.RT.subvec((clojure.lang.IPersistentVector) vector, from, to);
            case "vavr" -> ((io.vavr.collection.Vector<Long>) vector).slice(from, to);
            case "pcollections" -> ((PVector<Long>) vector).subList(from, to);
            default -> throw new IllegalArgumentException("unknown lib '" + lib + "'");
        };
    }

    private static PersistentVector<Long> copy(PersistentVector<Long> v, int from, int to) {
        TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
        for (int i = from; i < to; i++) {
            t.appendLong(v.getLong(i));
        }
        return t.persistent();
    }
}
