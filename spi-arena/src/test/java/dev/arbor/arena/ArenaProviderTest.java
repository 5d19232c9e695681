package dev.arbor.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.discovery.Allocators;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ArenaProviderTest {

    private static AllocatorProvider arenaProvider() {
        return ServiceLoader.load(AllocatorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("arena"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no provider named 'arena' registered in META-INF/services"));
    }

    @Test
    void serviceLoaderFindsTheArenaWhichIsNeverTheDefault() {
        AllocatorProvider p = arenaProvider();
        assertFalse(p.isDefault());
        assertFalse(p.description().isBlank());
    }

    @Test
    void defaultsAreOneMebibyteChunksAQuarterThresholdNoLimitConfinedRetainCapacity() {
        try (ArenaAllocator a = (ArenaAllocator) arenaProvider().create(AllocatorConfig.EMPTY)) {
            assertEquals(1 << 20, a.chunkSize());
            assertEquals(1 << 18, a.largeThreshold());
            assertEquals(0, a.limit());
            assertFalse(a.isShared());
            assertEquals(ResetMode.RETAIN_CAPACITY, a.resetMode());
            assertEquals("arena", a.name());
        }
    }

    @Test
    void aMistypedKeyIsRefusedWithTheKeyItMeant() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Allocators.create("arena", AllocatorConfig.of("chunksize", "1m")));
        assertTrue(e.getMessage().contains("did you mean 'chunkSize'?"), e.getMessage());
        for (String key : arenaProvider().configKeys()) {
            assertTrue(e.getMessage().contains(key), "the message lists " + key + ": " + e.getMessage());
        }
    }

    @Test
    void everyConfigurationKeyIsApplied() {
        AllocatorConfig config = AllocatorConfig.of("chunkSize", "64k", "largeThreshold", "1k", "limit", "1m",
                "resetMode", "retain_with_limit", "retainLimit", "128k", "shared", "true", "name", "requests");
        try (ArenaAllocator a = assertInstanceOf(ArenaAllocator.class, arenaProvider().create(config))) {
            assertEquals(64 << 10, a.chunkSize());
            assertEquals(1 << 10, a.largeThreshold());
            assertEquals(1 << 20, a.limit());
            assertTrue(a.isShared());
            assertEquals(ResetMode.retainWithLimit(128 << 10), a.resetMode());
            assertEquals("requests", a.stats().allocator());
        }
    }

    @Test
    void aLimitSmallerThanTheDefaultChunkShrinksTheChunk() {
        try (ArenaAllocator a = (ArenaAllocator) arenaProvider().create(AllocatorConfig.of("limit", "64k"))) {
            assertEquals(64 << 10, a.chunkSize());
        }
    }

    @Test
    void badSettingsAreRejectedNamingTheKey() {
        AllocatorProvider p = arenaProvider();
        assertMessageContains(p, AllocatorConfig.of("resetMode", "sometimes"), "resetMode");
        assertMessageContains(p, AllocatorConfig.of("resetMode", "RETAIN_WITH_LIMIT"), "retainLimit");
        assertMessageContains(p, AllocatorConfig.of("chunkSize", "lots"), "chunkSize");
        assertMessageContains(p, AllocatorConfig.of("chunkSize", "8"), "chunkSize");
        assertMessageContains(p, AllocatorConfig.of("chunkSize", "1m", "limit", "64k"), "limit");
        assertMessageContains(p, AllocatorConfig.of("chunkSize", "4k", "largeThreshold", "4k"), "largeThreshold");
        assertMessageContains(p, AllocatorConfig.of("shared", "yes"), "shared");
    }

    private static void assertMessageContains(AllocatorProvider p, AllocatorConfig config, String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.create(config).close(),
                () -> "expected " + config + " to be rejected");
        assertTrue(e.getMessage().contains(key), () -> "message should name '" + key + "': " + e.getMessage());
    }
}
