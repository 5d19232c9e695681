package dev.arbor.api.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorDiscoveryException;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.TestAllocator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllocatorCatalogTest {
    record Fake(String name, boolean isDefault) implements AllocatorProvider {
        @Override
        public String description() {
            return "fake " + name;
        }

        @Override
        public Set<String> configKeys() {
            return Set.of("limit");
        }

        @Override
        public Allocator create(AllocatorConfig config) {
            return new TestAllocator(name);
        }
    }

    @Test
    void theSingleDefaultIsChosen() {
        var catalog = AllocatorCatalog.of(List.of(new Fake("b", false), new Fake("a", true)));
        assertEquals("a", catalog.defaultProvider(new Properties()).name());
        assertEquals(List.of("a", "b"), catalog.providers().stream().map(AllocatorProvider::name).toList(), "sorted by name");
    }

    @Test
    void thePropertyOverridesTheDefault() {
        var catalog = AllocatorCatalog.of(List.of(new Fake("gc", true), new Fake("arena", false)));
        Properties p = new Properties();
        p.setProperty(AllocatorCatalog.ALLOCATOR_PROPERTY, "arena");
        assertEquals("arena", catalog.defaultProvider(p).name());
    }

    @Test
    void zeroDefaultsFailWithTheListOfProviders() {
        var catalog = AllocatorCatalog.of(List.of(new Fake("arena", false), new Fake("debug", false)));
        var e = assertThrows(AllocatorDiscoveryException.class, () -> catalog.defaultProvider(new Properties()));
        assertTrue(e.getMessage().contains("arena") && e.getMessage().contains("debug") && e.getMessage().contains("arbor-spi-gc"), e.getMessage());
    }

    @Test
    void severalDefaultsFailInsteadOfChoosingTheFirst() {
        var catalog = AllocatorCatalog.of(List.of(new Fake("x", true), new Fake("y", true)));
        var e = assertThrows(AllocatorDiscoveryException.class, () -> catalog.defaultProvider(new Properties()));
        assertTrue(e.getMessage().contains("x (") && e.getMessage().contains("y (") && e.getMessage().contains("-Darbor.allocator"), e.getMessage());
    }

    @Test
    void unknownNamesAndDuplicateNamesFail() {
        var catalog = AllocatorCatalog.of(List.of(new Fake("gc", true)));
        var e = assertThrows(AllocatorDiscoveryException.class, () -> catalog.create("nope", AllocatorConfig.EMPTY));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("gc"), e.getMessage());
        assertThrows(AllocatorDiscoveryException.class, () -> AllocatorCatalog.of(List.of(new Fake("gc", true), new Fake("gc", false))));
    }

    @Test
    void anUnknownSettingIsRefusedWithTheClosestKnownOneAndTheList() {
        var catalog = AllocatorCatalog.of(List.of(new Fake("gc", true)));
        var typo = assertThrows(IllegalArgumentException.class, () -> catalog.create("gc", AllocatorConfig.of("limt", "1m")));
        assertTrue(typo.getMessage().contains("'limt'") && typo.getMessage().contains("did you mean 'limit'?"), typo.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> catalog.create("gc", AllocatorConfig.of("limit", "1m", "colour", "blue")));
        assertTrue(unknown.getMessage().contains("'colour'") && !unknown.getMessage().contains("did you mean")
                && unknown.getMessage().contains("Its settings: limit"), unknown.getMessage());
        assertEquals("gc", catalog.create("gc", AllocatorConfig.of("limit", "1m")).name());
    }

    @Test
    void aPrefixPatternAcceptsEveryKeyUnderIt() {
        Set<String> keys = Set.of("delegate", "delegate.*");
        AllocatorConfig.of("delegate", "arena", "delegate.chunkSize", "4k").requireKnownKeys("counting", keys);
        assertThrows(IllegalArgumentException.class,
                () -> AllocatorConfig.of("delegates.chunkSize", "4k").requireKnownKeys("counting", keys));
    }

    @Test
    void createMakesANewAllocatorEachTime() {
        var catalog = AllocatorCatalog.of(List.of(new Fake("gc", true)));
        Allocator first = catalog.create("gc", AllocatorConfig.EMPTY);
        Allocator second = catalog.create("gc", AllocatorConfig.EMPTY);
        assertEquals("gc", first.name());
        assertTrue(first != second);
        assertSame(catalog.provider("gc"), catalog.find("gc").orElseThrow());
    }

    @Test
    void withNoPluginOnTheClasspathTheDefaultAllocatorExplainsWhatIsMissing() {
        // The API module's own test classpath has no plugin.
        var e = assertThrows(AllocatorDiscoveryException.class, Allocators::defaultAllocator);
        assertTrue(e.getMessage().contains("arbor-spi-gc"), e.getMessage());
        var again = assertThrows(AllocatorDiscoveryException.class, dev.arbor.api.heap.RoutingHeap::target);
        assertTrue(again.getMessage().contains("arbor-spi-gc"), again.getMessage());
    }
}
