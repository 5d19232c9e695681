package dev.arbor.benchmarks.nativeformat;

import dev.arbor.api.Allocator;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongBiFunction;

/**
 * JVM collector work per build, native format against managed, read from the
 * {@link GarbageCollectorMXBean}s (collections and their accumulated time, all collectors) and the
 * thread's allocated bytes around a run of builds, after a warm-up. Each build is the same body
 * as {@link NativeBuildBenchmark}'s: build through a transient, then reset the arena (native) or
 * drop the collection (managed).
 *
 * <p>The arena runs first, so garbage the managed builds leave behind cannot be collected during
 * the arena's run, and each run starts after a full collection. Run: {@code java --enable-native-access=ALL-UNNAMED -Xms4g -Xmx4g -cp
 * benchmarks/target/benchmarks.jar dev.arbor.benchmarks.nativeformat.BuildGcReport [entries
 * [builds [warmup]]]} (default 1000000 20 5); prints markdown.
 */
public final class BuildGcReport {
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Receives the builds' results, so the JIT cannot drop them as dead code. */
    private static volatile long sink;

    private BuildGcReport() {
    }

    /** Collector counters and allocation over a run of builds. */
    public record Run(String format, String collection, int builds, long nanos, long gcCount, long gcMillis,
            long allocatedBytes) {
        /** Milliseconds per build. */
        public double millisPerBuild() {
            return nanos / 1e6 / builds;
        }

        /** Collector milliseconds per build. */
        public double gcMillisPerBuild() {
            return (double) gcMillis / builds;
        }
    }

    /**
     * Runs {@code warmup} then {@code builds} builds of {@code collection} ("map" or "vector") in
     * {@code format}, and returns the counters of the measured builds.
     */
    public static Run run(String format, String collection, NativeData data, int builds, int warmup) {
        ToLongBiFunction<Allocator, NativeData> body = switch (collection) {
            case "map" -> NativeWorkloads::buildMapAndDrop;
            case "vector" -> NativeWorkloads::buildVectorAndDrop;
            default -> throw new IllegalArgumentException("collection must be 'map' or 'vector', got '" + collection + "'");
        };
        Allocator arena = NativeWorkloads.open(format);
        try {
            long check = 0;
            for (int i = 0; i < warmup; i++) {
                check += body.applyAsLong(arena, data);
            }
            // Collects what the data's construction and the warm-up left, so a collection of it
            // is not charged to the measured builds (the first young pauses copy the data's
            // construction garbage: 30-100 ms each).
            System.gc();
            long count0 = gcCount();
            long time0 = gcMillis();
            long alloc0 = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (int i = 0; i < builds; i++) {
                check += body.applyAsLong(arena, data);
            }
            long nanos = System.nanoTime() - t0;
            long alloc = THREADS.getCurrentThreadAllocatedBytes() - alloc0;
            sink = check;
            return new Run(format, collection, builds, nanos, gcCount() - count0, gcMillis() - time0, alloc);
        } finally {
            NativeWorkloads.close(arena);
        }
    }

    /**
     * Prints the table.
     *
     * @param args optionally entries (default 1000000), measured builds (20) and warm-up builds (5)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int builds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        NativeData data = new NativeData(n, 42);
        System.out.println("| collection | format | entries | ms/build | GC collections/build | GC ms/build | JVM bytes allocated/build |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (String collection : new String[] {"map", "vector"}) {
            Run arena = run(NativeWorkloads.ARENA, collection, data, builds, warmup);
            Run managed = run(NativeWorkloads.MANAGED, collection, data, builds, warmup);
            for (Run r : new Run[] {arena, managed}) {
                System.out.println(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %d |", r.collection(),
                        r.format(), n, r.millisPerBuild(), (double) r.gcCount() / builds, r.gcMillisPerBuild(),
                        r.allocatedBytes() / builds));
            }
        }
    }

    private static long gcCount() {
        long c = 0;
        for (GarbageCollectorMXBean b : COLLECTORS) {
            c += Math.max(0, b.getCollectionCount());
        }
        return c;
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean b : COLLECTORS) {
            t += Math.max(0, b.getCollectionTime());
        }
        return t;
    }
}
