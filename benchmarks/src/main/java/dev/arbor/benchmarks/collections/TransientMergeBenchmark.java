package dev.arbor.benchmarks.collections;

import clojure.lang.IEditableCollection;
import clojure.lang.ITransientMap;
import clojure.lang.PersistentHashMap;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting into a map being built: {@link LongMapData#BATCH} merges of 1 into existing keys of
 * a {@code long -> long} transient (or mutable map) that lives across invocations, as a
 * histogram does, so every node on the merged paths is the transient's own after the first
 * invocation. Arbor's {@code putLong(k, 1, Long::sum)} ({@code arbor}) and the same by hand, a
 * {@code getLong} then a {@code putLong} ({@code arborGetPut}); Clojure's transient
 * {@code valAt} then {@code assoc}, Bifurcan's linear {@code update}, fastutil's {@code addTo}
 * and {@link HashMap#merge} in place. Nanoseconds per merge.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class TransientMergeBenchmark {
    /** Entries in the map. */
    @Param({"1000", "1000000"})
    public int size;

    /** The library. */
    @Param({"arbor", "arborGetPut", "clojure", "bifurcan", "fastutil", "javaHashMap"})
    public String lib;

    private LongMapData data;
    private TransientMap<Long, Long> arbor;
    private ITransientMap clojure;
    private io.lacuna.bifurcan.Map<Long, Long> bifurcan;
    private Long2LongOpenHashMap fastutil;
    private HashMap<Long, Long> javaHashMap;

    /** Puts every key of the data into the library's transient or mutable map. */
    @Setup(Level.Trial)
    public void setUp() {
        data = new LongMapData(size, 42);
        long[] k = data.keys;
        long[] v = data.values;
        switch (lib) {
            case "arbor", "arborGetPut" -> {
                arbor = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (int i = 0; i < k.length; i++) {
                    arbor.putLong(k[i], v[i]);
                }
                arbor.size(); // builds the buffered puts, as the first merge would
            }
            case "clojure" -> {
                clojure = (ITransientMap) ((IEditableCollection) PersistentHashMap.EMPTY).asTransient();
                for (int i = 0; i < k.length; i++) {
                    clojure = clojure.assoc(data.boxedKeys[i], data.boxedValues[i]);
                }
            }
            case "bifurcan" -> {
                bifurcan = new io.lacuna.bifurcan.Map<Long, Long>().linear();
                for (int i = 0; i < k.length; i++) {
                    bifurcan.put(data.boxedKeys[i], data.boxedValues[i]);
                }
            }
            case "fastutil" -> {
                fastutil = new Long2LongOpenHashMap();
                for (int i = 0; i < k.length; i++) {
                    fastutil.put(k[i], v[i]);
                }
            }
            case "javaHashMap" -> {
                javaHashMap = new HashMap<>();
                for (int i = 0; i < k.length; i++) {
                    javaHashMap.put(data.boxedKeys[i], data.boxedValues[i]);
                }
            }
            default -> throw new IllegalArgumentException("unknown lib '" + lib + "'");
        }
    }

    /** One merge of 1 per hit key; returns the map. */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    public Object count() {
        switch (lib) {
            case "arbor" -> {
                TransientMap<Long, Long> t = arbor;
                for (long k : data.hitKeys) {
                    t.putLong(k, 1, Long::sum);
                }
                return t;
            }
            case "arborGetPut" -> {
                TransientMap<Long, Long> t = arbor;
                for (long k : data.hitKeys) {
                    t.putLong(k, t.getLong(k) + 1);
                }
                return t;
            }
            case "clojure" -> {
                ITransientMap t = clojure;
                for (Long k : data.boxedHitKeys) {
                    Object old = t.valAt(k);
                    t = t.assoc(k, old == null ? 1L : (Long) old + 1);
                }
                clojure = t;
                return t;
            }
            case "bifurcan" -> {
                io.lacuna.bifurcan.Map<Long, Long> m = bifurcan;
                for (Long k : data.boxedHitKeys) {
                    m.update(k, old -> old == null ? 1L : old + 1);
                }
                return m;
            }
            case "fastutil" -> {
                Long2LongOpenHashMap m = fastutil;
                for (long k : data.hitKeys) {
                    m.addTo(k, 1);
                }
                return m;
            }
            case "javaHashMap" -> {
                HashMap<Long, Long> m = javaHashMap;
                for (Long k : data.boxedHitKeys) {
                    m.merge(k, 1L, Long::sum);
                }
                return m;
            }
            default -> throw new IllegalArgumentException("unknown lib '" + lib + "'");
        }
    }

    /** The map's contents (for the test; ends an Arbor transient). */
    Map<Long, Long> contents() {
        Map<Long, Long> out = new HashMap<>();
        switch (lib) {
            case "arbor", "arborGetPut" -> out.putAll(arbor.persistent());
            case "clojure" -> out.putAll(castMap(clojure.persistent()));
            case "bifurcan" -> bifurcan.forEach(e -> out.put(e.key(), e.value()));
            case "fastutil" -> out.putAll(fastutil);
            case "javaHashMap" -> out.putAll(javaHashMap);
            default -> throw new IllegalArgumentException("unknown lib '" + lib + "'");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, Long> castMap(Object m) {
        return (Map<Long, Long>) m;
    }
}
