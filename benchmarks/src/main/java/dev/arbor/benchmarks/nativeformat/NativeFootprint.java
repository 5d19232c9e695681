package dev.arbor.benchmarks.nativeformat;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.function.Function;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory per entry of a {@code long -> long} map and a {@code long} vector built through a
 * transient, in each format:
 * <ul>
 *   <li>native: the arena's {@code bytesInUse} after the build (every live node, alignment padding
 *       included; nodes a transient replaced and freed are not counted, chunk tails left behind
 *       are), and {@code bytesReserved} (whole chunks obtained from the system);</li>
 *   <li>managed: the JVM heap the collection retains, by JOL
 *       ({@code GraphLayout.parseInstance(...).totalSize()}: every object reachable from it) and by
 *       {@link MemoryMXBean} heap used after {@link System#gc()} with and without it.</li>
 * </ul>
 * Run: {@code java --enable-native-access=ALL-UNNAMED -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar
 * dev.arbor.benchmarks.nativeformat.NativeFootprint [entries...]} (default 10000 100000 1000000);
 * prints markdown.
 */
public final class NativeFootprint {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** Keeps the measured collection reachable while heap use is read. */
    private static volatile Object retained;

    private NativeFootprint() {
    }

    /** What an arena holds after one build. */
    public record NativeUse(int entries, long bytesInUse, long bytesReserved, long liveBlocks) {
        /** Bytes in use per entry. */
        public double bytesPerEntry() {
            return (double) bytesInUse / entries;
        }
    }

    /** Builds the map in a fresh arena and reads its stats before closing it. */
    public static NativeUse nativeMap(NativeData data) {
        return inFreshArena(data, arena -> NativeWorkloads.buildMapIn(arena, data).size());
    }

    /** Builds the vector in a fresh arena and reads its stats before closing it. */
    public static NativeUse nativeVector(NativeData data) {
        return inFreshArena(data, arena -> NativeWorkloads.buildVectorIn(arena, data).size());
    }

    /** JVM heap bytes reachable from the managed map (JOL). */
    public static long managedMapBytes(NativeData data) {
        return GraphLayout.parseInstance(NativeWorkloads.buildMapIn(null, data)).totalSize();
    }

    /** JVM heap bytes reachable from the managed vector (JOL). */
    public static long managedVectorBytes(NativeData data) {
        return GraphLayout.parseInstance(NativeWorkloads.buildVectorIn(null, data)).totalSize();
    }

    private static NativeUse inFreshArena(NativeData data, Function<Allocator, Integer> build) {
        Allocator arena = NativeWorkloads.open(NativeWorkloads.ARENA);
        try {
            int size = build.apply(arena);
            if (size != data.size()) {
                throw new IllegalStateException("built " + size + " entries, expected " + data.size());
            }
            AllocatorStats s = arena.stats();
            return new NativeUse(size, s.bytesInUse(), s.bytesReserved(), s.liveBlocks());
        } finally {
            arena.close();
        }
    }

    /**
     * Prints the table.
     *
     * @param args the entry counts (default 10000 100000 1000000)
     */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000, 1_000_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        // Loads every class involved, so their static state is on the heap before the first measure.
        NativeData small = new NativeData(1000, 1);
        nativeMap(small);
        nativeVector(small);
        managedMapBytes(small);
        managedVectorBytes(small);
        System.out.println("| collection | entries | native bytesInUse/entry | native bytesReserved/entry | native live blocks"
                + " | managed JOL bytes/entry | managed MXBean bytes/entry |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            NativeData data = new NativeData(n, 42);
            NativeUse map = nativeMap(data);
            long mapJol = managedMapBytes(data);
            long before = settledHeap();
            retained = NativeWorkloads.buildMapIn(null, data);
            long mapMx = settledHeap() - before;
            retained = null;
            System.out.println(row("long->long map", map, mapJol, mapMx));
            NativeUse vec = nativeVector(data);
            long vecJol = managedVectorBytes(data);
            before = settledHeap();
            retained = NativeWorkloads.buildVectorIn(null, data);
            long vecMx = settledHeap() - before;
            retained = null;
            System.out.println(row("long vector", vec, vecJol, vecMx));
        }
    }

    private static String row(String what, NativeUse use, long jolBytes, long mxBytes) {
        double n = use.entries();
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %d | %.2f | %.2f |", what, use.entries(),
                use.bytesPerEntry(), use.bytesReserved() / n, use.liveBlocks(), jolBytes / n, mxBytes / n);
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
