package dev.arbor.examples.docs;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.counting.CountingAllocator;
import dev.arbor.debug.DebugAllocator;
import java.util.List;

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

    /** The scope snippet; returns the allocator current inside it. */
    public static Allocator scoped(ArenaAllocator arena) {
        Allocator current;
        try (AllocatorScope scope = CurrentAllocator.use(arena)) {
            current = CurrentAllocator.get(); // the arena: every node made on this thread comes from it
        }
        return current;
    }
}
