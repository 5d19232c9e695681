package dev.arbor.it.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.BlockKind;
import dev.arbor.api.discovery.AllocatorCatalog;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.memory.NativeHeap;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.guice.ArborModule;
import dev.arbor.guice.ManagedAllocators;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Guice module with the real plugins on the classpath. */
class GuiceInjectionTest {
    /** A host service as users write one. */
    static final class ReportService {
        final Allocator defaults;
        final Allocator scratch;
        final Allocator counting;
        final Allocator debug;

        @Inject
        ReportService(Allocator defaults, @Named("arena") Allocator scratch, @Named("counting") Allocator counting,
                @Named("debug") Allocator debug) {
            this.defaults = defaults;
            this.scratch = scratch;
            this.counting = counting;
            this.debug = debug;
        }
    }

    private ManagedAllocators managed;

    private Injector injector(ArborModule module) {
        Injector injector = Guice.createInjector(module);
        managed = injector.getInstance(ManagedAllocators.class);
        return injector;
    }

    @AfterEach
    void closeInjectedAllocators() {
        if (managed != null && managed.isOpen()) {
            managed.close();
        }
    }

    @Test
    void theUnannotatedAllocatorIsTheSharedGcDefault() {
        Injector injector = injector(new ArborModule());

        Allocator a = injector.getInstance(Allocator.class);

        assertSame(Allocators.defaultAllocator(), a);
        assertEquals("gc", a.name());
    }

    @Test
    void everyPluginIsInjectableByNameAsOneAllocatorPerInjector() {
        Injector injector = injector(new ArborModule());

        ReportService first = injector.getInstance(ReportService.class);
        ReportService second = injector.getInstance(ReportService.class);

        assertEquals("arena", first.scratch.name());
        assertTrue(first.scratch.isNative());
        assertTrue(first.debug.isNative());
        assertSame(first.scratch, second.scratch);
        assertSame(first.counting, second.counting);
        assertSame(first.debug, second.debug);
        assertSame(Allocators.defaultAllocator(), first.defaults);
    }

    @Test
    void injectedArenaServesAsTheCurrentAllocator() {
        Injector injector = injector(new ArborModule());
        Allocator arena = injector.getInstance(Key.get(Allocator.class, Names.named("arena")));

        long address;
        try (var _ = CurrentAllocator.use(arena)) {
            address = NativeHeap.allocateAddress(64, 8, BlockKind.NOREFS);
        }

        assertSame(arena, RoutingHeap.ownerOf(address));
    }

    @Test
    void theCatalogAndEveryProviderByNameAreInjectable() {
        Injector injector = injector(new ArborModule());

        Map<String, AllocatorProvider> byName = injector.getInstance(Key.get(new TypeLiteral<Map<String, AllocatorProvider>>() { }));

        assertEquals(Set.of("gc", "arena", "counting", "debug"), byName.keySet());
        assertSame(Allocators.catalog(), injector.getInstance(AllocatorCatalog.class));
        byName.forEach((name, provider) -> assertEquals(name, provider.name()));
    }

    @Test
    void moduleSettingsConfigureTheNamedAllocator() {
        Injector injector = injector(ArborModule.builder().config("arena", AllocatorConfig.of("limit", "64k", "chunkSize", "16k")).build());
        Allocator arena = injector.getInstance(ReportService.class).scratch;

        arena.allocate(8 << 10, 8);

        // With a 64 KiB limit, a 128 KiB request must fail and leave the arena usable.
        assertThrows(AllocationLimitExceededException.class, () -> arena.allocate(128 << 10, 8));
        assertEquals(16, arena.allocate(16, 8).byteSize());
    }

    @Test
    void closingTheManagedAllocatorsClosesTheInjectedOnesButNeverTheDefault() {
        Injector injector = injector(new ArborModule());
        ReportService service = injector.getInstance(ReportService.class);

        managed.close();

        assertFalse(service.scratch.isOpen());
        assertFalse(service.counting.isOpen());
        assertFalse(service.debug.isOpen());
        assertTrue(Allocators.defaultAllocator().isOpen());
    }
}
