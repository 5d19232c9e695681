package dev.arbor.examples;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.name.Named;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.discovery.AllocatorCatalog;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.guice.ArborModule;
import dev.arbor.guice.ManagedAllocators;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * A host application wired by Guice: it lists the allocator plugins found on the classpath, runs
 * the same {@link Workload} under the default allocator, an arena, a counting allocator and a
 * debug allocator, and prints what each run cost.
 */
public final class ExampleApp {
    private final AllocatorCatalog catalog;
    private final Allocator defaultAllocator;
    private final Allocator arena;
    private final Allocator counting;
    private final Allocator debug;

    @Inject
    ExampleApp(AllocatorCatalog catalog, Allocator defaultAllocator, @Named("arena") Allocator arena,
            @Named("counting") Allocator counting, @Named("debug") Allocator debug) {
        this.catalog = catalog;
        this.defaultAllocator = defaultAllocator;
        this.arena = arena;
        this.counting = counting;
        this.debug = debug;
    }

    public static void main(String[] args) {
        Injector injector = Guice.createInjector(new ArborModule());
        try (ManagedAllocators created = injector.getInstance(ManagedAllocators.class)) {
            injector.getInstance(ExampleApp.class).run(System.out);
        }
    }

    void run(PrintStream out) {
        StatsTable plugins = new StatsTable("plugin", "default", "description");
        for (AllocatorProvider p : catalog.providers()) {
            plugins.add(p.name(), p.isDefault() ? "yes" : "", p.description());
        }
        out.println("Allocator plugins on the classpath:");
        out.println(plugins.render());

        StatsTable runs = new StatsTable("run", "allocator", "blocks", "bytes requested", "bytes in use", "bytes reserved",
                "peak bytes", "JVM GCs", "GC ms", "ms", "checksum");
        measure(runs, "default (no scope)", defaultAllocator, false);
        measure(runs, "arena scope", arena, true);
        measure(runs, "counting scope", counting, true);
        measure(runs, "debug scope", debug, true);
        out.println("The same workload (" + Workload.RECORDS + " records of 64 bytes through the routing heap) under each allocator:");
        out.println(runs.render());
        out.println("Blocks and bytes are what the run added to the allocator's counters; 'bytes in use' and 'reserved' are");
        out.println("read at the end of the run, before the arena and the debug allocator are reset. The default allocator's");
        out.println("heap blocks are reclaimed by the JVM, so it reserves nothing itself.");
        out.println();

        StatsTable builds = new StatsTable("build", "allocator", "blocks", "block bytes", "JVM heap bytes allocated",
                "JVM GCs", "GC ms", "ms");
        List<Allocator> allocators = Arrays.asList(null, counting, arena, debug);
        StatsTable warmUp = new StatsTable(builds.columns());
        for (int round = 0; round < 3; round++) {
            // Class loading and the JIT would otherwise be counted as the first builds' cost.
            for (CollectionBuilds.Build build : CollectionBuilds.all()) {
                for (Allocator allocator : allocators) {
                    measureBuild(warmUp, build, allocator);
                }
            }
        }
        for (CollectionBuilds.Build build : CollectionBuilds.all()) {
            for (Allocator allocator : allocators) {
                measureBuild(builds, build, allocator);
            }
        }
        out.println("Persistent collections built with no allocator current (the default path) and under the counting,");
        out.println("arena and debug allocators:");
        out.println(builds.render());
        out.println("Each build ran three times before (not shown) so the JIT has compiled it; 'ms' is one run on a shared machine.");
        out.println("Blocks and block bytes are what the current allocator handed out: every node and, for a native transient");
        out.println("built from empty, its put buffer and the build's scratch, which go back to the allocator when the build ends.");
        out.println("With none current the default path counts nothing (it pays one thread-local read per operation). Under the");
        out.println("arena and the debug allocator every node is a native block: 'JVM heap bytes allocated' (the thread's");
        out.println("allocation counter) then holds only the collection objects and the transient's bookkeeping. The arena and");
        out.println("the debug allocator are reset after each build.");
        out.println();
        out.println(CopyOutDemo.run(arena));
    }

    private static void measureBuild(StatsTable table, CollectionBuilds.Build build, Allocator allocator) {
        long nodesBefore = allocator == null ? 0 : NodeMeter.nodes(allocator);
        long bytesBefore = allocator == null ? 0 : NodeMeter.bytes(allocator);
        long gcCountBefore = gcCount();
        long gcTimeBefore = gcTimeMillis();
        long heapBefore = NodeMeter.threadAllocatedBytes();
        long start = System.nanoTime();
        int size;
        if (allocator == null) {
            size = build.make().get().size();
        } else {
            try (AllocatorScope scope = CurrentAllocator.use(allocator)) {
                size = build.make().get().size();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long heap = NodeMeter.threadAllocatedBytes() - heapBefore - NodeMeter.measuringOverhead();
        if (size <= 0) {
            throw new IllegalStateException(build.name() + " built an empty collection");
        }
        table.add(build.name(), allocator == null ? "default (none current)" : allocator.name(),
                allocator == null ? "-" : NodeMeter.nodes(allocator) - nodesBefore,
                allocator == null ? "-" : NodeMeter.bytes(allocator) - bytesBefore, heap,
                gcCount() - gcCountBefore, gcTimeMillis() - gcTimeBefore, millis);
        if (allocator != null && allocator.isNative()) {
            allocator.reset();
        }
    }

    private void measure(StatsTable table, String run, Allocator allocator, boolean scoped) {
        AllocatorStats before = allocator.stats();
        long gcCountBefore = gcCount();
        long gcTimeBefore = gcTimeMillis();
        long start = System.nanoTime();
        long checksum;
        if (scoped) {
            try (AllocatorScope scope = CurrentAllocator.use(allocator)) {
                checksum = Workload.run();
            }
        } else {
            checksum = Workload.run();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        AllocatorStats after = allocator.stats();
        table.add(run, after.allocator(), after.blocksAllocated() - before.blocksAllocated(),
                after.bytesAllocated() - before.bytesAllocated(), after.bytesInUse(), after.bytesReserved(),
                after.peakBytesInUse(), gcCount() - gcCountBefore, gcTimeMillis() - gcTimeBefore, millis, checksum);
        if (allocator.isNative()) {
            allocator.reset();
        }
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcTimeMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }
}
