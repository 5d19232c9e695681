package dev.arbor.examples.docs;

import dev.arbor.api.AllocationFailedException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.FunctionalAllocator;
import dev.arbor.api.RefusingAllocator;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.jmx.AllocatorMBeans;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.debug.DebugAllocator;
import java.lang.foreign.MemorySegment;
import java.util.List;
import javax.management.ObjectName;

/** The snippets of {@code docs/allocators.md}, word for word (DocsSnippetsTest checks it). */
public final class AllocatorsPage {
    private AllocatorsPage() {
    }

    /** The first snippet; returns what it made, for the caller to close (the default excepted). */
    public static List<Allocator> gettingOne() {
        Allocator byName = Allocators.create("arena", AllocatorConfig.of("chunkSize", "4m")); // needs arbor-spi-arena at run time
        ArenaAllocator arena = ArenaAllocator.builder().chunkSize(4 << 20).shared(true).build();
        CountingAllocator counter = CountingAllocator.over(arena);
        DebugAllocator debug = DebugAllocator.builder().failOnLeak(true).build();
        Allocator fallback = Allocators.defaultAllocator(); // lives as long as the JVM: close() refuses
        return List.of(byName, counter, arena, debug, fallback);
    }

    /** The functional-allocator snippet; returns the allocator (heap segments from two functions). */
    public static Allocator fromFunctions() {
        Allocator heapBlocks = FunctionalAllocator.builder("heap-blocks")
                .allocate((bytes, alignment, kind) -> MemorySegment.ofArray(new long[(int) ((bytes + 7) / 8)]).asSlice(0, bytes))
                .free(block -> { })                    // the JVM reclaims it
                .build();
        return heapBlocks;
    }

    /** The failure-injection snippet; returns how many allocations were refused before the build succeeded. */
    public static long everyAllocationFailingInTurn() {
        long refused = 0;
        try (ArenaAllocator arena = ArenaAllocator.create();
             RefusingAllocator refusing = RefusingAllocator.over(arena)) {
            for (long k = 1; ; k++) {
                refusing.refuseFrom(k);               // the k-th allocation from now fails, and every later one
                try (AllocatorScope scope = CurrentAllocator.use(refusing)) {
                    PersistentVector<Long> v = PersistentVector.ofLongs(1, 2, 3).appendLong(4);
                    refusing.allowAll();
                    System.out.println(v);             // [1, 2, 3, 4]
                    break;
                } catch (AllocationFailedException e) {
                    refused++;                        // check here that your state is as it was
                }
            }
        }
        return refused;
    }

    /** The JMX snippet; returns the MBean's name (unregistered by then). */
    public static ObjectName jmx() {
        ArenaAllocator batches = ArenaAllocator.builder().name("batches").shared(true).build();
        ObjectName name = AllocatorMBeans.register(batches); // dev.arbor:type=Allocator,name="batches",id=<n>
        // JConsole, VisualVM or any JMX client shows its statistics now; closing it unregisters the MBean
        batches.close();
        return name;
    }

    /** The scope snippet; returns the allocator current inside it. */
    public static Allocator scoped(ArenaAllocator arena) {
        Allocator current;
        try (AllocatorScope scope = CurrentAllocator.use(arena)) {
            current = CurrentAllocator.get(); // the arena: every node made on this thread comes from it
        }
        return current;
    }
}
