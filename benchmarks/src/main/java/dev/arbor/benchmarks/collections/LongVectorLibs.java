package dev.arbor.benchmarks.collections;

import clojure.lang.AFn;
import clojure.lang.IEditableCollection;
import clojure.lang.ITransientCollection;
import clojure.lang.PersistentVector;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.TransientVector;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import org.pcollections.PVector;
import org.pcollections.TreePVector;
import scala.collection.immutable.AbstractSeq;
import scala.collection.immutable.VectorBuilder;

/**
 * The {@link LongVectorLib} adapters. Peers that store objects get pre-boxed elements. Each
 * library iterates the fastest public way it has: its internal walk ({@code forEach},
 * {@code foreach}, {@code reduce}) rather than an iterator.
 */
final class LongVectorLibs {
    private LongVectorLibs() {
    }

    /** Arbor with {@link Codec#LONG}: built with {@code addLong}, read with {@code getLong}. */
    static final class Arbor implements LongVectorLib {
        private dev.arbor.collections.vector.PersistentVector<Long> vector;

        @Override
        public Object build(LongVectorData d) {
            return transientBuild(d);
        }

        private static dev.arbor.collections.vector.PersistentVector<Long> transientBuild(LongVectorData d) {
            TransientVector<Long> t = dev.arbor.collections.vector.PersistentVector.empty(Codec.LONG).asTransient();
            for (long e : d.elements) {
                t.appendLong(e);
            }
            return t.persistent();
        }

        @Override
        public Object buildPersistent(LongVectorData d) {
            dev.arbor.collections.vector.PersistentVector<Long> v = dev.arbor.collections.vector.PersistentVector.empty(Codec.LONG);
            for (long e : d.elements) {
                v = v.appendLong(e);
            }
            return v;
        }

        @Override
        public Object update(LongVectorData d) {
            dev.arbor.collections.vector.PersistentVector<Long> v = vector;
            int[] at = d.indexes;
            long[] values = d.updateValues;
            for (int i = 0; i < at.length; i++) {
                v = v.withLong(at[i], values[i]);
            }
            return v;
        }

        @Override
        public void load(LongVectorData d) {
            vector = transientBuild(d);
        }

        @Override
        public long get(LongVectorData d) {
            dev.arbor.collections.vector.PersistentVector<Long> v = vector;
            long sum = 0;
            for (int i : d.indexes) {
                sum += v.getLong(i);
            }
            return sum;
        }

        @Override
        public long iterate() {
            // The unboxed walk: no iterator, no boxes.
            long[] sum = {0};
            vector.forEachLong(e -> sum[0] += e);
            return sum[0];
        }

        @Override
        public Object vector() {
            return vector;
        }
    }

    /**
     * Scala 2.13 {@code immutable.Vector} (radix-balanced), built with {@code VectorBuilder}. Its
     * {@code appended} and {@code updated} are called through {@code AbstractSeq}: from Java the
     * generic overrides and their erased bridges are ambiguous, and the call dispatches the same.
     */
    static final class Scala implements LongVectorLib {
        private scala.collection.immutable.Vector<Long> vector;

        @Override
        public Object build(LongVectorData d) {
            return transientBuild(d);
        }

        private static scala.collection.immutable.Vector<Long> transientBuild(LongVectorData d) {
            VectorBuilder<Long> b = new VectorBuilder<>();
            for (Long e : d.boxedElements) {
                b.addOne(e);
            }
            return b.result();
        }

        @Override
        @SuppressWarnings("unchecked") // AbstractSeq returns the erased type; it is this Vector
        public Object buildPersistent(LongVectorData d) {
            scala.collection.immutable.Vector<Long> v = scala.collection.immutable.Vector$.MODULE$.empty();
            for (Long e : d.boxedElements) {
                v = (scala.collection.immutable.Vector<Long>) ((AbstractSeq<Long>) v).appended(e);
            }
            return v;
        }

        @Override
        @SuppressWarnings("unchecked") // AbstractSeq returns the erased type; it is this Vector
        public Object update(LongVectorData d) {
            scala.collection.immutable.Vector<Long> v = vector;
            int[] at = d.indexes;
            Long[] values = d.boxedUpdateValues;
            for (int i = 0; i < at.length; i++) {
                v = (scala.collection.immutable.Vector<Long>) ((AbstractSeq<Long>) v).updated(at[i], values[i]);
            }
            return v;
        }

        @Override
        public void load(LongVectorData d) {
            vector = transientBuild(d);
        }

        @Override
        public long get(LongVectorData d) {
            scala.collection.immutable.Vector<Long> v = vector;
            long sum = 0;
            for (int i : d.indexes) {
                sum += v.apply(i);
            }
            return sum;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            vector.foreach(e -> {
                sum[0] += e;
                return null;
            });
            return sum[0];
        }

        @Override
        public Object vector() {
            return vector;
        }
    }

    /** Clojure's {@code PersistentVector}, built through its transient. */
    static final class Clojure implements LongVectorLib {
        private PersistentVector vector;

        @Override
        public Object build(LongVectorData d) {
            return transientBuild(d);
        }

        private static PersistentVector transientBuild(LongVectorData d) {
            ITransientCollection t = ((IEditableCollection) PersistentVector.EMPTY).asTransient();
            for (Long e : d.boxedElements) {
                t = t.conj(e);
            }
            return (PersistentVector) t.persistent();
        }

        @Override
        public Object buildPersistent(LongVectorData d) {
            PersistentVector v = PersistentVector.EMPTY;
            for (Long e : d.boxedElements) {
                v = v.cons(e);
            }
            return v;
        }

        @Override
        public Object update(LongVectorData d) {
            PersistentVector v = vector;
            int[] at = d.indexes;
            Long[] values = d.boxedUpdateValues;
            for (int i = 0; i < at.length; i++) {
                v = v.assocN(at[i], values[i]);
            }
            return v;
        }

        @Override
        public void load(LongVectorData d) {
            vector = transientBuild(d);
        }

        @Override
        public long get(LongVectorData d) {
            PersistentVector v = vector;
            long sum = 0;
            for (int i : d.indexes) {
                sum += (Long) v.nth(i);
            }
            return sum;
        }

        @Override
        public long iterate() {
            Sum sum = new Sum();
            vector.reduce(new AFn() {
                @Override
                public Object invoke(Object acc, Object e) {
                    ((Sum) acc).value += (Long) e;
                    return acc;
                }
            }, sum);
            return sum.value;
        }

        @Override
        public Object vector() {
            return vector;
        }
    }

    /** Vavr's {@code Vector}: no transient, so built in bulk with {@code ofAll(long...)}. */
    static final class Vavr implements LongVectorLib {
        private io.vavr.collection.Vector<Long> vector;

        @Override
        public Object build(LongVectorData d) {
            return io.vavr.collection.Vector.ofAll(d.elements);
        }

        @Override
        public Object buildPersistent(LongVectorData d) {
            io.vavr.collection.Vector<Long> v = io.vavr.collection.Vector.empty();
            for (Long e : d.boxedElements) {
                v = v.append(e);
            }
            return v;
        }

        @Override
        public Object update(LongVectorData d) {
            io.vavr.collection.Vector<Long> v = vector;
            int[] at = d.indexes;
            Long[] values = d.boxedUpdateValues;
            for (int i = 0; i < at.length; i++) {
                v = v.update(at[i], values[i]);
            }
            return v;
        }

        @Override
        public void load(LongVectorData d) {
            vector = io.vavr.collection.Vector.ofAll(d.elements);
        }

        @Override
        public long get(LongVectorData d) {
            io.vavr.collection.Vector<Long> v = vector;
            long sum = 0;
            for (int i : d.indexes) {
                sum += v.get(i);
            }
            return sum;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            vector.forEach(e -> sum[0] += e);
            return sum[0];
        }

        @Override
        public Object vector() {
            return vector;
        }
    }

    /** PCollections' {@code TreePVector} (a balanced tree): no transient, built by {@code plus}. */
    static final class PCollections implements LongVectorLib {
        private PVector<Long> vector;

        @Override
        public Object build(LongVectorData d) {
            return persistentBuild(d);
        }

        private static PVector<Long> persistentBuild(LongVectorData d) {
            PVector<Long> v = TreePVector.empty();
            for (Long e : d.boxedElements) {
                v = v.plus(e);
            }
            return v;
        }

        @Override
        public Object buildPersistent(LongVectorData d) {
            return persistentBuild(d);
        }

        @Override
        public Object update(LongVectorData d) {
            PVector<Long> v = vector;
            int[] at = d.indexes;
            Long[] values = d.boxedUpdateValues;
            for (int i = 0; i < at.length; i++) {
                v = v.with(at[i], values[i]);
            }
            return v;
        }

        @Override
        public void load(LongVectorData d) {
            vector = persistentBuild(d);
        }

        @Override
        public long get(LongVectorData d) {
            PVector<Long> v = vector;
            long sum = 0;
            for (int i : d.indexes) {
                sum += v.get(i);
            }
            return sum;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            vector.forEach(e -> sum[0] += e);
            return sum[0];
        }

        @Override
        public Object vector() {
            return vector;
        }
    }

    /** Bifurcan's {@code List} (RRB), built linear then forked. */
    static final class Bifurcan implements LongVectorLib {
        private io.lacuna.bifurcan.List<Long> vector;

        @Override
        public Object build(LongVectorData d) {
            return transientBuild(d);
        }

        private static io.lacuna.bifurcan.List<Long> transientBuild(LongVectorData d) {
            io.lacuna.bifurcan.List<Long> l = new io.lacuna.bifurcan.List<Long>().linear();
            for (Long e : d.boxedElements) {
                l.addLast(e);
            }
            return l.forked();
        }

        @Override
        public Object buildPersistent(LongVectorData d) {
            io.lacuna.bifurcan.List<Long> v = new io.lacuna.bifurcan.List<>();
            for (Long e : d.boxedElements) {
                v = v.addLast(e);
            }
            return v;
        }

        @Override
        public Object update(LongVectorData d) {
            io.lacuna.bifurcan.List<Long> v = vector;
            int[] at = d.indexes;
            Long[] values = d.boxedUpdateValues;
            for (int i = 0; i < at.length; i++) {
                v = v.set(at[i], values[i]);
            }
            return v;
        }

        @Override
        public void load(LongVectorData d) {
            vector = transientBuild(d);
        }

        @Override
        public long get(LongVectorData d) {
            io.lacuna.bifurcan.List<Long> v = vector;
            long sum = 0;
            for (int i : d.indexes) {
                sum += v.nth(i);
            }
            return sum;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            vector.forEach(e -> sum[0] += e);
            return sum[0];
        }

        @Override
        public Object vector() {
            return vector;
        }
    }

    /** Mutable baseline: fastutil's {@code LongArrayList} (a {@code long[]}). */
    static final class Fastutil implements LongVectorLib {
        private LongArrayList vector;

        @Override
        public Object build(LongVectorData d) {
            LongArrayList l = new LongArrayList();
            for (long e : d.elements) {
                l.add(e);
            }
            return l;
        }

        @Override
        public Object buildPersistent(LongVectorData d) {
            return build(d);
        }

        @Override
        public Object update(LongVectorData d) {
            LongArrayList v = vector;
            int[] at = d.indexes;
            long[] values = d.updateValues;
            for (int i = 0; i < at.length; i++) {
                v.set(at[i], values[i]);
            }
            return v;
        }

        @Override
        public void load(LongVectorData d) {
            vector = (LongArrayList) build(d);
        }

        @Override
        public long get(LongVectorData d) {
            LongArrayList v = vector;
            long sum = 0;
            for (int i : d.indexes) {
                sum += v.getLong(i);
            }
            return sum;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            vector.forEach((long e) -> sum[0] += e);
            return sum[0];
        }

        @Override
        public Object vector() {
            return vector;
        }
    }

    /** A mutable accumulator for Clojure's {@code reduce}. */
    private static final class Sum {
        long value;
    }

    /** Mutable baseline: {@code java.util.ArrayList<Long>}. */
    static final class JavaArrayList implements LongVectorLib {
        private ArrayList<Long> vector;

        @Override
        public Object build(LongVectorData d) {
            return listBuild(d);
        }

        private static ArrayList<Long> listBuild(LongVectorData d) {
            ArrayList<Long> l = new ArrayList<>();
            for (Long e : d.boxedElements) {
                l.add(e);
            }
            return l;
        }

        @Override
        public Object buildPersistent(LongVectorData d) {
            return listBuild(d);
        }

        @Override
        public Object update(LongVectorData d) {
            ArrayList<Long> v = vector;
            int[] at = d.indexes;
            Long[] values = d.boxedUpdateValues;
            for (int i = 0; i < at.length; i++) {
                v.set(at[i], values[i]);
            }
            return v;
        }

        @Override
        public void load(LongVectorData d) {
            vector = listBuild(d);
        }

        @Override
        public long get(LongVectorData d) {
            ArrayList<Long> v = vector;
            long sum = 0;
            for (int i : d.indexes) {
                sum += v.get(i);
            }
            return sum;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            vector.forEach(e -> sum[0] += e);
            return sum[0];
        }

        @Override
        public Object vector() {
            return vector;
        }
    }
}
