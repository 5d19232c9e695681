package dev.arbor.benchmarks.collections;

import clojure.lang.AFn;
import clojure.lang.IEditableCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.ITransientMap;
import clojure.lang.PersistentHashMap;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import scala.Tuple2;
import scala.collection.mutable.Builder;

/**
 * The {@link StringMapLib} adapters: the {@link LongMapLibs} loops over {@code String} keys and
 * values; each library iterates the fastest public way it has.
 */
final class StringMapLibs {
    private StringMapLibs() {
    }

    /** Arbor with {@link Codec#object()} keys and values. */
    static final class Arbor implements StringMapLib {
        private PersistentMap<String, String> map;

        @Override
        @SuppressWarnings("unchecked")
        public void load(StringMapData d) {
            map = (PersistentMap<String, String>) buildTransient(d);
        }

        @Override
        public Object build(StringMapData d) {
            PersistentMap<String, String> m = PersistentMap.<String, String>of();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m = m.plus(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(StringMapData d) {
            TransientMap<String, String> t = PersistentMap.<String, String>of().asTransient();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                t.put(k[i], v[i]);
            }
            return t.persistent();
        }

        @Override
        public long hits(StringMapData d) {
            PersistentMap<String, String> m = map;
            long sum = 0;
            for (String k : d.hitKeys) {
                sum += m.get(k).length();
            }
            return sum;
        }

        @Override
        public int misses(StringMapData d) {
            PersistentMap<String, String> m = map;
            int found = 0;
            for (String k : d.missKeys) {
                if (m.containsKey(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            // forEach walks the nodes: no entry objects.
            long[] sum = {0};
            map.forEach((k, v) -> sum[0] += k.length() + v.length());
            return sum[0];
        }

        @Override
        public Object update(StringMapData d) {
            PersistentMap<String, String> m = map;
            String[] k = d.hitKeys;
            String[] v = d.updateValues;
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

    /** Scala 2.13 {@code immutable.HashMap} (CHAMP). */
    static final class Scala implements StringMapLib {
        private scala.collection.immutable.HashMap<String, String> map;

        @Override
        @SuppressWarnings("unchecked")
        public void load(StringMapData d) {
            map = (scala.collection.immutable.HashMap<String, String>) buildTransient(d);
        }

        @Override
        public Object build(StringMapData d) {
            scala.collection.immutable.HashMap<String, String> m = scala.collection.immutable.HashMap$.MODULE$.empty();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m = m.updated(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(StringMapData d) {
            Builder<Tuple2<String, String>, scala.collection.immutable.HashMap<String, String>> b =
                    scala.collection.immutable.HashMap$.MODULE$.newBuilder();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                b.addOne(new Tuple2<>(k[i], v[i]));
            }
            return b.result();
        }

        @Override
        public long hits(StringMapData d) {
            scala.collection.immutable.HashMap<String, String> m = map;
            long sum = 0;
            for (String k : d.hitKeys) {
                sum += m.apply(k).length();
            }
            return sum;
        }

        @Override
        public int misses(StringMapData d) {
            scala.collection.immutable.HashMap<String, String> m = map;
            int found = 0;
            for (String k : d.missKeys) {
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
                sum[0] += k.length() + v.length();
                return null;
            });
            return sum[0];
        }

        @Override
        public Object update(StringMapData d) {
            scala.collection.immutable.HashMap<String, String> m = map;
            String[] k = d.hitKeys;
            String[] v = d.updateValues;
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
    static final class Clojure implements StringMapLib {
        private PersistentHashMap map;

        @Override
        public void load(StringMapData d) {
            map = (PersistentHashMap) buildTransient(d);
        }

        @Override
        public Object build(StringMapData d) {
            IPersistentMap m = PersistentHashMap.EMPTY;
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m = m.assoc(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(StringMapData d) {
            ITransientMap t = (ITransientMap) ((IEditableCollection) PersistentHashMap.EMPTY).asTransient();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                t = t.assoc(k[i], v[i]);
            }
            return t.persistent();
        }

        @Override
        public long hits(StringMapData d) {
            PersistentHashMap m = map;
            long sum = 0;
            for (String k : d.hitKeys) {
                sum += ((String) m.valAt(k)).length();
            }
            return sum;
        }

        @Override
        public int misses(StringMapData d) {
            PersistentHashMap m = map;
            int found = 0;
            for (String k : d.missKeys) {
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
                    ((Sum) acc).value += ((String) k).length() + ((String) v).length();
                    return acc;
                }
            }, sum);
            return sum.value;
        }

        @Override
        public Object update(StringMapData d) {
            IPersistentMap m = map;
            String[] k = d.hitKeys;
            String[] v = d.updateValues;
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
    static final class Vavr implements StringMapLib {
        private io.vavr.collection.HashMap<String, String> map;

        @Override
        @SuppressWarnings("unchecked")
        public void load(StringMapData d) {
            map = (io.vavr.collection.HashMap<String, String>) build(d);
        }

        @Override
        public Object build(StringMapData d) {
            io.vavr.collection.HashMap<String, String> m = io.vavr.collection.HashMap.empty();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m = m.put(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(StringMapData d) {
            throw new UnsupportedOperationException("Vavr has no transient map");
        }

        @Override
        public long hits(StringMapData d) {
            io.vavr.collection.HashMap<String, String> m = map;
            long sum = 0;
            for (String k : d.hitKeys) {
                sum += m.getOrElse(k, "").length();
            }
            return sum;
        }

        @Override
        public int misses(StringMapData d) {
            io.vavr.collection.HashMap<String, String> m = map;
            int found = 0;
            for (String k : d.missKeys) {
                if (m.containsKey(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            map.forEach((k, v) -> sum[0] += k.length() + v.length());
            return sum[0];
        }

        @Override
        public Object update(StringMapData d) {
            io.vavr.collection.HashMap<String, String> m = map;
            String[] k = d.hitKeys;
            String[] v = d.updateValues;
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
    static final class PCollections implements StringMapLib {
        private PMap<String, String> map;

        @Override
        public void load(StringMapData d) {
            @SuppressWarnings("unchecked")
            PMap<String, String> m = (PMap<String, String>) build(d);
            map = m;
        }

        @Override
        public Object build(StringMapData d) {
            PMap<String, String> m = HashTreePMap.empty();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m = m.plus(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(StringMapData d) {
            throw new UnsupportedOperationException("PCollections has no transient map");
        }

        @Override
        public long hits(StringMapData d) {
            PMap<String, String> m = map;
            long sum = 0;
            for (String k : d.hitKeys) {
                sum += m.get(k).length();
            }
            return sum;
        }

        @Override
        public int misses(StringMapData d) {
            PMap<String, String> m = map;
            int found = 0;
            for (String k : d.missKeys) {
                if (m.containsKey(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long sum = 0;
            for (Map.Entry<String, String> e : map.entrySet()) {
                sum += e.getKey().length() + e.getValue().length();
            }
            return sum;
        }

        @Override
        public Object update(StringMapData d) {
            PMap<String, String> m = map;
            String[] k = d.hitKeys;
            String[] v = d.updateValues;
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
    static final class Bifurcan implements StringMapLib {
        /** put(k, v) is declared to return IMap; this overload returns Map. */
        private static final BinaryOperator<String> LAST_WINS = (a, b) -> b;
        private io.lacuna.bifurcan.Map<String, String> map;

        @Override
        public void load(StringMapData d) {
            @SuppressWarnings("unchecked")
            io.lacuna.bifurcan.Map<String, String> m = (io.lacuna.bifurcan.Map<String, String>) buildTransient(d);
            map = m;
        }

        @Override
        public Object build(StringMapData d) {
            io.lacuna.bifurcan.Map<String, String> m = new io.lacuna.bifurcan.Map<>();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m = m.put(k[i], v[i], LAST_WINS);
            }
            return m;
        }

        @Override
        public Object buildTransient(StringMapData d) {
            io.lacuna.bifurcan.Map<String, String> m = new io.lacuna.bifurcan.Map<String, String>().linear();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m.put(k[i], v[i]);
            }
            return m.forked();
        }

        @Override
        public long hits(StringMapData d) {
            io.lacuna.bifurcan.Map<String, String> m = map;
            long sum = 0;
            for (String k : d.hitKeys) {
                sum += m.get(k, "").length();
            }
            return sum;
        }

        @Override
        public int misses(StringMapData d) {
            io.lacuna.bifurcan.Map<String, String> m = map;
            int found = 0;
            for (String k : d.missKeys) {
                if (m.contains(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long sum = 0;
            for (io.lacuna.bifurcan.IEntry<String, String> e : map) {
                sum += e.key().length() + e.value().length();
            }
            return sum;
        }

        @Override
        public Object update(StringMapData d) {
            io.lacuna.bifurcan.Map<String, String> m = map;
            String[] k = d.hitKeys;
            String[] v = d.updateValues;
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

    /** Mutable baseline: {@code java.util.HashMap<String, String>}. */
    static final class JavaHashMap implements StringMapLib {
        private HashMap<String, String> map;

        @Override
        public void load(StringMapData d) {
            @SuppressWarnings("unchecked")
            HashMap<String, String> m = (HashMap<String, String>) build(d);
            map = m;
        }

        @Override
        public Object build(StringMapData d) {
            HashMap<String, String> m = new HashMap<>();
            String[] k = d.keys;
            String[] v = d.values;
            for (int i = 0; i < k.length; i++) {
                m.put(k[i], v[i]);
            }
            return m;
        }

        @Override
        public Object buildTransient(StringMapData d) {
            return build(d);
        }

        @Override
        public long hits(StringMapData d) {
            HashMap<String, String> m = map;
            long sum = 0;
            for (String k : d.hitKeys) {
                sum += m.get(k).length();
            }
            return sum;
        }

        @Override
        public int misses(StringMapData d) {
            HashMap<String, String> m = map;
            int found = 0;
            for (String k : d.missKeys) {
                if (m.containsKey(k)) {
                    found++;
                }
            }
            return found;
        }

        @Override
        public long iterate() {
            long[] sum = {0};
            map.forEach((k, v) -> sum[0] += k.length() + v.length());
            return sum[0];
        }

        @Override
        public Object update(StringMapData d) {
            HashMap<String, String> m = map;
            String[] k = d.hitKeys;
            String[] v = d.updateValues;
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
