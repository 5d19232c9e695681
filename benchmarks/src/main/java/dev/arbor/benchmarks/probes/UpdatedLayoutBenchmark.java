package dev.arbor.benchmarks.probes;

import dev.arbor.benchmarks.collections.LongMapBenchmark;
import dev.arbor.benchmarks.collections.LongMapData;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
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
 * Arbor's {@code long -> long} lookups on maps made three ways, since how a map was made decides
 * where its nodes lie: one transient ({@code transient}, what {@link LongMapBenchmark} measures),
 * one persistent {@code plusLong} per entry ({@code persistent}), or a transient followed by one
 * persistent update of every key ({@code updated}: a long-lived map that its program kept
 * updating). Nanoseconds per lookup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class UpdatedLayoutBenchmark {
    /** Entries in the map. */
    @Param({"1000000"})
    public int size;

    /** How the map was made. */
    @Param({"transient", "persistent", "updated"})
    public String build;

    private LongMapData data;
    private PersistentMap<Long, Long> map;

    /** Makes the map. */
    @Setup(Level.Trial)
    public void setUp() {
        data = new LongMapData(size, 42);
        PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG);
        switch (build) {
            case "transient", "updated" -> {
                TransientMap<Long, Long> t = m.asTransient();
                for (int i = 0; i < size; i++) {
                    t.putLong(data.keys[i], data.values[i]);
                }
                m = t.persistent();
                if (build.equals("updated")) {
                    for (int i = 0; i < size; i++) {
                        m = m.plusLong(data.keys[i], data.values[i] + 1);
                    }
                }
            }
            case "persistent" -> {
                for (int i = 0; i < size; i++) {
                    m = m.plusLong(data.keys[i], data.values[i]);
                }
            }
            default -> throw new IllegalArgumentException("unknown build '" + build + "'");
        }
        map = m;
    }

    /** Sum of the values of the hit keys. */
    @Benchmark
    @OperationsPerInvocation(LongMapData.BATCH)
    public long lookupHit() {
        PersistentMap<Long, Long> m = map;
        long sum = 0;
        for (long k : data.hitKeys) {
            sum += m.getLong(k);
        }
        return sum;
    }

    /** The map (for tests). */
    PersistentMap<Long, Long> map() {
        return map;
    }
}
