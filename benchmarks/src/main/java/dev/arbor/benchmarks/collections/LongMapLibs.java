package dev.arbor.benchmarks.collections;

import clojure.lang.AFn;
import clojure.lang.IEditableCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.ITransientMap;
import clojure.lang.PersistentHashMap;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import scala.Tuple2;
import scala.collection.mutable.Builder;

/**
 * The {@link LongMapLib} adapters. Peers that store objects get pre-boxed keys and values; each
 * iterates the fastest public way it has (an internal {@code forEach} where there is one).
 */
final class LongMapLibs {
    private LongMapLibs() {
    }

    /** Arbor with {@link Codec#LONG} keys and values: no boxing anywhere. */
    static final class Arbor implements LongMapLib {
        private PersistentMap<Long, Long> map;

        @Override
        @SuppressWarnings("unchecked")
        public void load(LongMapData d) {
            map = (PersistentMap<Long, Long>) buildTransient(d);
        }

        @Override
        public Object build(LongMapData d) {
            PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG);
            long[] k = d.keys;
            long[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m = m.plusLong(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(LongMapData d) {
            TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            long[] k = d.keys;
            long[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                t.putLong(k[i], v[i]);
            }
            return t.persistent();
        }

        @Override
        public long hits(LongMapData d) {
            PersistentMap<Long, Long> m = map;
            long sum = 0;
            for (long k : d.hitKeys) {
                sum += m.getLong(k);
            }
            return sum;
        }

        @Override
        public int misses(LongMapData d) {
            PersistentMap<Long, Long> m = map;
            int found = 0;
            for (long k : d.missKeys) {
                if (m.containsLong(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            // The unboxed walk: no entry objects, no boxes.
            long[] sum = {0};
            map.forEachLong((k, v) -> sum[0] += k ^ v);
            return sum[0];
        }

        @Override
        public Object update(LongMapData d) {
            PersistentMap<Long, Long> m = map;
            long[] k = d.hitKeys;
            long[] v = d.updateValues;
            for (int i = 0; i < k.length; i++) {
                m = m.plusLong(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object map() {
            return map;
        }
    }

    /** Scala 2.13 {@code immutable.HashMap} (CHAMP). */
    static final class Scala implements LongMapLib {
        private scala.collection.immutable.HashMap<Long, Long> map;

        @Override
        @SuppressWarnings("unchecked")
        public void load(LongMapData d) {
            map = (scala.collection.immutable.HashMap<Long, Long>) buildTransient(d);
        }

        @Override
        public Object build(LongMapData d) {
            scala.collection.immutable.HashMap<Long, Long> m = scala.collection.immutable.HashMap$.MODULE$.empty();
            Long[] k = d.boxedKeys;
            Long[] v = d.boxedValues;
            for (int i = 0; i < k.length; i++) {
                m = m.updated(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(LongMapData d) {
            Builder<Tuple2<Long, Long>, scala.collection.immutable.HashMap<Long, Long>> b =
                    scala.collection.immutable.HashMap$.MODULE$.newBuilder();
            Long[] k = d.boxedKeys;
            Long[] v = d.boxedValues;
            for (int i = 0; i < k.length; i++) {
                b.addOne(new Tuple2<>(k[i], v[i]));
            }
            return b.result();
        }

        @Override
        public long hits(LongMapData d) {
            scala.collection.immutable.HashMap<Long, Long> m = map;
            long sum = 0;
            for (Long k : d.boxedHitKeys) {
                sum += m.apply(k);
            }
            return sum;
        }

        @Override
        public int misses(LongMapData d) {
            scala.collection.immutable.HashMap<Long, Long> m = map;
            int found = 0;
            for (Long k : d.boxedMissKeys) {
                if (m.contains(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            map.foreachEntry((k, v) -> {
                sum[0] += k ^ v;
                return null;
            });
            return sum[0];
        }

        @Override
        public Object update(LongMapData d) {
            scala.collection.immutable.HashMap<Long, Long> m = map;
            Long[] k = d.boxedHitKeys;
            Long[] v = d.boxedUpdateValues;
            for (int i = 0; i < k.length; i++) {
                m = m.updated(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object map() {
            return map;
        }
    }

    /** Clojure's {@code PersistentHashMap} (HAMT). */
    static final class Clojure implements LongMapLib {
        private PersistentHashMap map;

        @Override
        public void load(LongMapData d) {
            map = (PersistentHashMap) buildTransient(d);
        }

        @Override
        public Object build(LongMapData d) {
            IPersistentMap m = PersistentHashMap.EMPTY;
            Long[] k = d.boxedKeys;
            Long[] v = d.boxedValues;
            for (int i = 0; i < k.length; i++) {
                m = m.assoc(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(LongMapData d) {
            ITransientMap t = (ITransientMap) ((IEditableCollection) PersistentHashMap.EMPTY).asTransient();
            Long[] k = d.boxedKeys;
            Long[] v = d.boxedValues;
            for (int i = 0; i < k.length; i++) {
                t = t.assoc(k[i], v[i]);
            }
            return t.persistent();
        }

        @Override
        public long hits(LongMapData d) {
            PersistentHashMap m = map;
            long sum = 0;
            for (Long k : d.boxedHitKeys) {
                sum += (Long) m.valAt(k);
            }
            return sum;
        }

        @Override
        public int misses(LongMapData d) {
            PersistentHashMap m = map;
            int found = 0;
            for (Long k : d.boxedMissKeys) {
                if (m.containsKey(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            Sum sum = new Sum();
            map.kvreduce(new AFn() {
                @Override
                public Object invoke(Object acc, Object k, Object v) {
                    ((Sum) acc).value += (Long) k ^ (Long) v;
                    return acc;
                }
            }, sum);
            return sum.value;
        }

        @Override
        public Object update(LongMapData d) {
            IPersistentMap m = map;
            Long[] k = d.boxedHitKeys;
            Long[] v = d.boxedUpdateValues;
            for (int i = 0; i < k.length; i++) {
                m = m.assoc(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object map() {
            return map;
        }
    }

    /** Vavr's {@code HashMap} (HAMT); it has no transient. */
    static final class Vavr implements LongMapLib {
        private io.vavr.collection.HashMap<Long, Long> map;

        @Override
        @SuppressWarnings("unchecked")
        public void load(LongMapData d) {
            map = (io.vavr.collection.HashMap<Long, Long>) build(d);
        }

        @Override
        public Object build(LongMapData d) {
            io.vavr.collection.HashMap<Long, Long> m = io.vavr.collection.HashMap.empty();
            Long[] k = d.boxedKeys;
            Long[] v = d.boxedValues;
            for (int i = 0; i < k.length; i++) {
                m = m.put(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(LongMapData d) {
            throw new UnsupportedOperationException("Vavr has no transient map");
        }

        @Override
        public long hits(LongMapData d) {
            io.vavr.collection.HashMap<Long, Long> m = map;
            long sum = 0;
            for (Long k : d.boxedHitKeys) {
                sum += m.getOrElse(k, 0L);
            }
            return sum;
        }

        @Override
        public int misses(LongMapData d) {
            io.vavr.collection.HashMap<Long, Long> m = map;
            int found = 0;
            for (Long k : d.boxedMissKeys) {
                if (m.containsKey(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            map.forEach((k, v) -> sum[0] += k ^ v);
            return sum[0];
        }

        @Override
        public Object update(LongMapData d) {
            io.vavr.collection.HashMap<Long, Long> m = map;
            Long[] k = d.boxedHitKeys;
            Long[] v = d.boxedUpdateValues;
            for (int i = 0; i < k.length; i++) {
                m = m.put(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object map() {
            return map;
        }
    }

    /** PCollections' {@code HashTreePMap} (a tree of hash buckets); it has no transient. */
    static final class PCollections implements LongMapLib {
        private PMap<Long, Long> map;

        @Override
        public void load(LongMapData d) {
            @SuppressWarnings("unchecked")
            PMap<Long, Long> m = (PMap<Long, Long>) build(d);
            map = m;
        }

        @Override
        public Object build(LongMapData d) {
            PMap<Long, Long> m = HashTreePMap.empty();
            Long[] k = d.boxedKeys;
            Long[] v = d.boxedValues;
            for (int i = 0; i < k.length; i++) {
                m = m.plus(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(LongMapData d) {
            throw new UnsupportedOperationException("PCollections has no transient map");
        }

        @Override
        public long hits(LongMapData d) {
            PMap<Long, Long> m = map;
            long sum = 0;
            for (Long k : d.boxedHitKeys) {
                sum += m.get(k);
            }
            return sum;
        }

        @Override
        public int misses(LongMapData d) {
            PMap<Long, Long> m = map;
            int found = 0;
            for (Long k : d.boxedMissKeys) {
                if (m.containsKey(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long sum = 0;
            for (Map.Entry<Long, Long> e : map.entrySet()) {
                sum += e.getKey() ^ e.getValue();
            }
            return sum;
        }

        @Override
        public Object update(LongMapData d) {
            PMap<Long, Long> m = map;
            Long[] k = d.boxedHitKeys;
            Long[] v = d.boxedUpdateValues;
            for (int i = 0; i < k.length; i++) {
                m = m.plus(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object map() {
            return map;
        }
    }

    /** Bifurcan's {@code Map} (CHAMP); {@code linear()} is its transient. */
    static final class Bifurcan implements LongMapLib {
        /** put(k, v) is declared to return IMap; this overload returns Map. */
        private static final BinaryOperator<Long> LAST_WINS = (a, b) -> b;
        private io.lacuna.bifurcan.Map<Long, Long> map;

        @Override
        public void load(LongMapData d) {
            @SuppressWarnings("unchecked")
            io.lacuna.bifurcan.Map<Long, Long> m = (io.lacuna.bifurcan.Map<Long, Long>) buildTransient(d);
            map = m;
        }

        @Override
        public Object build(LongMapData d) {
            io.lacuna.bifurcan.Map<Long, Long> m = new io.lacuna.bifurcan.Map<>();
            Long[] k = d.boxedKeys;
            Long[] v = d.boxedValues;
            for (int i = 0; i < k.length; i++) {
                m = m.put(k[i], v[i], LAST_WINS);
            }
            return m;
        }

        @Override
        public Object buildTransient(LongMapData d) {
            io.lacuna.bifurcan.Map<Long, Long> m = new io.lacuna.bifurcan.Map<Long, Long>().linear();
            Long[] k = d.boxedKeys;
            Long[] v = d.boxedValues;
            for (int i = 0; i < k.length; i++) {
                m.put(k[i], v[i]);
            }
            return m.forked();
        }

        @Override
        public long hits(LongMapData d) {
            io.lacuna.bifurcan.Map<Long, Long> m = map;
            long sum = 0;
            for (Long k : d.boxedHitKeys) {
                sum += m.get(k, 0L);
            }
            return sum;
        }

        @Override
        public int misses(LongMapData d) {
            io.lacuna.bifurcan.Map<Long, Long> m = map;
            int found = 0;
            for (Long k : d.boxedMissKeys) {
                if (m.contains(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long sum = 0;
            for (io.lacuna.bifurcan.IEntry<Long, Long> e : map) {
                sum += e.key() ^ e.value();
            }
            return sum;
        }

        @Override
        public Object update(LongMapData d) {
            io.lacuna.bifurcan.Map<Long, Long> m = map;
            Long[] k = d.boxedHitKeys;
            Long[] v = d.boxedUpdateValues;
            for (int i = 0; i < k.length; i++) {
                m = m.put(k[i], v[i], LAST_WINS);
            }
            return m;
        }

        @Override
        public Object map() {
            return map;
        }
    }

    /** Mutable baseline: fastutil's open-addressing {@code Long2LongOpenHashMap}. */
    static final class Fastutil implements LongMapLib {
        private Long2LongOpenHashMap map;

        @Override
        public void load(LongMapData d) {
            map = (Long2LongOpenHashMap) build(d);
        }

        @Override
        public Object build(LongMapData d) {
            Long2LongOpenHashMap m = new Long2LongOpenHashMap();
            long[] k = d.keys;
            long[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m.put(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(LongMapData d) {
            return build(d);
        }

        @Override
        public long hits(LongMapData d) {
            Long2LongOpenHashMap m = map;
            long sum = 0;
            for (long k : d.hitKeys) {
                sum += m.get(k);
            }
            return sum;
        }

        @Override
        public int misses(LongMapData d) {
            Long2LongOpenHashMap m = map;
            int found = 0;
            for (long k : d.missKeys) {
                if (m.containsKey(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long sum = 0;
            for (Iterator<Long2LongMap.Entry> it = map.long2LongEntrySet().fastIterator(); it.hasNext(); ) {
                Long2LongMap.Entry e = it.next();
                sum += e.getLongKey() ^ e.getLongValue();
            }
            return sum;
        }

        @Override
        public Object update(LongMapData d) {
            Long2LongOpenHashMap m = map;
            long[] k = d.hitKeys;
            long[] v = d.updateValues;
            for (int i = 0; i < k.length; i++) {
                m.put(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object map() {
            return map;
        }
    }

    /** Mutable baseline: {@code java.util.HashMap<Long, Long>}. */
    static final class JavaHashMap implements LongMapLib {
        private HashMap<Long, Long> map;

        @Override
        public void load(LongMapData d) {
            @SuppressWarnings("unchecked")
            HashMap<Long, Long> m = (HashMap<Long, Long>) build(d);
            map = m;
        }

        @Override
        public Object build(LongMapData d) {
            HashMap<Long, Long> m = new HashMap<>();
            Long[] k = d.boxedKeys;
            Long[] v = d.boxedValues;
            for (int i = 0; i < k.length; i++) {
                m.put(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(LongMapData d) {
            return build(d);
        }

        @Override
        public long hits(LongMapData d) {
            HashMap<Long, Long> m = map;
            long sum = 0;
            for (Long k : d.boxedHitKeys) {
                sum += m.get(k);
            }
            return sum;
        }

        @Override
        public int misses(LongMapData d) {
            HashMap<Long, Long> m = map;
            int found = 0;
            for (Long k : d.boxedMissKeys) {
                if (m.containsKey(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            map.forEach((k, v) -> sum[0] += k ^ v);
            return sum[0];
        }

        @Override
        public Object update(LongMapData d) {
            HashMap<Long, Long> m = map;
            Long[] k = d.boxedHitKeys;
            Long[] v = d.boxedUpdateValues;
            for (int i = 0; i < k.length; i++) {
                m.put(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object map() {
            return map;
        }
    }

    /** A mutable accumulator for Clojure's {@code kvreduce}, so the reduction boxes nothing. */
    private static final class Sum {
        long value;
    }
}
