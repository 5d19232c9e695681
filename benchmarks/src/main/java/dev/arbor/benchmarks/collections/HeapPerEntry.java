package dev.arbor.benchmarks.collections;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained JVM heap per entry of a {@code long -> long} map and of a {@code long} vector, for
 * Arbor and each peer, measured two independent ways:
 * <ul>
 *   <li><b>JOL</b>: {@code GraphLayout.parseInstance(collection).totalSize()}, the bytes of every
 *       object reachable from the collection (nodes, arrays, and the boxed keys and values of
 *       the peers that store {@link Long}s; not the static, shared state);</li>
 *   <li><b>MXBean</b>: {@link MemoryMXBean} heap used after {@link System#gc()} (several
 *       rounds) with the collection alive, minus the same before it was built, with the input
 *       arrays dropped. It cross-checks JOL, and would also see objects JOL cannot reach.</li>
 * </ul>
 * Each library first builds a small collection, so its classes' static state is already on the
 * heap before the measured one is built. Native memory (off-heap nodes) is seen by neither.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
 * -Djdk.attach.allowAttachSelf=true -XX:+EnableDynamicAgentLoading -cp benchmarks/target/benchmarks.jar
 * dev.arbor.benchmarks.collections.HeapPerEntry [entries]} (default 1000000); prints markdown.
 * The two JOL flags let it load its agent quietly; without them it warns that it cannot attach
 * and sizes objects from field offsets instead, which gave the same totals here.
 */
public final class HeapPerEntry {
    private static final String[] MAP_LIBS =
            {"arbor", "scala", "clojure", "vavr", "pcollections", "bifurcan", "fastutil", "javaHashMap"};
    private static final String[] VECTOR_LIBS =
            {"arbor", "scala", "clojure", "vavr", "pcollections", "bifurcan", "fastutil", "javaArrayList"};
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** Keeps the measured collection reachable while heap use is read. */
    private static volatile Object retained;

    private HeapPerEntry() {
    }

    /**
     * Prints the tables.
     *
     * @param args optionally the number of entries (default 1000000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> rows = new ArrayList<>();
        for (String lib : MAP_LIBS) {
            LongMapLib.of(lib).load(new LongMapData(1000, 1));
            long before = settledHeap();
            LongMapLib impl = LongMapLib.of(lib);
            impl.load(new LongMapData(n, 42));
            retained = impl.map();
            long after = settledHeap();
            long jol = GraphLayout.parseInstance(impl.map()).totalSize();
            rows.add(row("long->long map", lib, n, jol, after - before));
            retained = null;
        }
        for (String lib : VECTOR_LIBS) {
            LongVectorLib.of(lib).load(new LongVectorData(1000, 1));
            long before = settledHeap();
            LongVectorLib impl = LongVectorLib.of(lib);
            impl.load(new LongVectorData(n, 42));
            retained = impl.vector();
            long after = settledHeap();
            long jol = GraphLayout.parseInstance(impl.vector()).totalSize();
            rows.add(row("long vector", lib, n, jol, after - before));
            retained = null;
        }
        System.out.println("| collection | library | entries | JOL bytes/entry | MXBean bytes/entry |");
        System.out.println("|---|---|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static String row(String what, String lib, int n, long jolBytes, long mxBytes) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f |", what, lib, n,
                (double) jolBytes / n, (double) mxBytes / n);
    }

    /** Heap used after collections stop freeing anything (at most 10 rounds). */
    private static long settledHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
