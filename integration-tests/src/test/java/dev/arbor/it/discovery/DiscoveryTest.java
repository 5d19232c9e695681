package dev.arbor.it.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorDiscoveryException;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.discovery.AllocatorCatalog;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.it.support.FakeProvider;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Finding plugins with every plugin jar on the classpath, and choosing among them. */
class DiscoveryTest {
    private static final List<String> ALL = List.of("arena", "counting", "debug", "gc");

    private static Properties properties(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    private static void assertListsEveryPlugin(String message) {
        for (String name : ALL) {
            assertTrue(message.contains(name), "the message should list plugin '" + name + "': " + message);
        }
    }

    @Test
    void everyPluginOnTheClasspathIsFoundByItsName() {
        List<String> names = Allocators.providers().stream().map(AllocatorProvider::name).toList();

        assertEquals(ALL, names);
        for (String name : ALL) {
            assertEquals(name, Allocators.catalog().provider(name).name());
            assertFalse(Allocators.catalog().provider(name).description().isBlank(), name + " has no description");
        }
    }

    @Test
    void gcIsTheOnlyPluginThatClaimsToBeTheDefault() {
        List<String> defaults = Allocators.providers().stream().filter(AllocatorProvider::isDefault).map(AllocatorProvider::name).toList();

        assertEquals(List.of("gc"), defaults);
        assertEquals("gc", Allocators.catalog().defaultProvider(new Properties()).name());
    }

    @Test
    void theSharedDefaultAllocatorIsTheGcAllocatorAndIsCreatedOnce() {
        Allocator a = Allocators.defaultAllocator();

        assertEquals("gc", a.name());
        assertFalse(a.isNative(), "the default path must be plain JVM memory");
        assertSame(a, Allocators.defaultAllocator());
    }

    @Test
    void anAllocatorIsPickedByName() {
        try (Allocator arena = Allocators.create("arena", AllocatorConfig.of("chunkSize", "4k"))) {
            assertEquals("arena", arena.name());
            assertTrue(arena.isNative());
            assertTrue(arena.allocate(32, 8).isNative());
        }
        try (Allocator gc = Allocators.create("gc")) {
            assertEquals("gc", gc.name());
            assertFalse(gc.allocate(32, 8).isNative());
        }
    }

    @Test
    void everyPluginCreatesAWorkingAllocatorWithItsDefaults() {
        for (String name : ALL) {
            Allocator a = Allocators.create(name, AllocatorConfig.EMPTY);
            try {
                assertTrue(a.isOpen(), name);
                MemorySegment block = a.allocate(16, 8);
                assertEquals(16, block.byteSize(), name);
                a.free(block);
            } finally {
                a.close();
            }
            assertFalse(a.isOpen(), name);
        }
    }

    @Test
    void theDefaultIsPickedByTheAllocatorProperty() {
        AllocatorCatalog catalog = Allocators.catalog();

        assertEquals("arena", catalog.defaultProvider(properties(AllocatorCatalog.ALLOCATOR_PROPERTY, "arena")).name());
        assertEquals("debug", catalog.defaultProvider(properties(AllocatorCatalog.ALLOCATOR_PROPERTY, " debug ")).name());
        assertEquals("gc", catalog.defaultProvider(properties(AllocatorCatalog.ALLOCATOR_PROPERTY, "")).name(),
                "a blank property means: not set");
    }

    @Test
    void anUnknownNameFailsListingThePluginsFound() {
        AllocatorCatalog catalog = Allocators.catalog();

        AllocatorDiscoveryException byName = assertThrows(AllocatorDiscoveryException.class, () -> catalog.provider("jemalloc"));
        AllocatorDiscoveryException byProperty = assertThrows(AllocatorDiscoveryException.class,
                () -> catalog.defaultProvider(properties(AllocatorCatalog.ALLOCATOR_PROPERTY, "jemalloc")));
        assertThrows(AllocatorDiscoveryException.class, () -> Allocators.create("jemalloc"));

        for (AllocatorDiscoveryException e : List.of(byName, byProperty)) {
            assertTrue(e.getMessage().contains("'jemalloc'"), e.getMessage());
            assertListsEveryPlugin(e.getMessage());
        }
        assertTrue(catalog.find("jemalloc").isEmpty());
    }

    @Test
    void noDefaultAmongThePluginsFailsListingWhatWasFoundAndHowToChoose() {
        AllocatorCatalog catalog = AllocatorCatalog.of(List.of(new FakeProvider("alpha", false), new FakeProvider("beta", false)));

        AllocatorDiscoveryException e = assertThrows(AllocatorDiscoveryException.class, () -> catalog.defaultProvider(new Properties()));

        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("beta"), e.getMessage());
        assertTrue(e.getMessage().contains(AllocatorCatalog.ALLOCATOR_PROPERTY), e.getMessage());
        assertEquals("beta", catalog.defaultProvider(properties(AllocatorCatalog.ALLOCATOR_PROPERTY, "beta")).name(),
                "the property resolves what discovery alone cannot");
    }

    @Test
    void severalDefaultsFailListingEveryClaimantInsteadOfPickingTheFirst() {
        AllocatorCatalog catalog = AllocatorCatalog.of(List.of(
                new FakeProvider("alpha", true), new FakeProvider("beta", true), new FakeProvider("gamma", false)));

        AllocatorDiscoveryException e = assertThrows(AllocatorDiscoveryException.class, () -> catalog.defaultProvider(new Properties()));

        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("beta"), e.getMessage());
        assertFalse(e.getMessage().contains("gamma"), "only the claimants are listed: " + e.getMessage());
        assertEquals("alpha", catalog.defaultProvider(properties(AllocatorCatalog.ALLOCATOR_PROPERTY, "alpha")).name());
    }

    @Test
    void twoPluginsWithOneNameAreRefused() {
        AllocatorDiscoveryException e = assertThrows(AllocatorDiscoveryException.class,
                () -> AllocatorCatalog.of(List.of(new FakeProvider("gc", true), new FakeProvider("gc", false))));

        assertTrue(e.getMessage().contains("'gc'"), e.getMessage());
    }

    @Test
    void anAllocatorIsConfiguredByItsSystemPropertiesAndBadValuesNameTheKey() {
        System.setProperty("arbor.arena.chunkSize", "lots");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Allocators.create("arena"));
            assertTrue(e.getMessage().contains("chunkSize") && e.getMessage().contains("lots"), e.getMessage());
        } finally {
            System.clearProperty("arbor.arena.chunkSize");
        }
    }
}
