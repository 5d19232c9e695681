package dev.arbor.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorDiscoveryException;
import dev.arbor.api.BlockKind;
import dev.arbor.api.discovery.Allocators;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CountingProviderTest {

    @Test
    void isFoundByNameAndIsNotTheDefault() {
        assertFalse(Allocators.catalog().provider("counting").isDefault());
        try (Allocator a = Allocators.create("counting")) {
            assertInstanceOf(CountingAllocator.class, a);
        }
    }

    @Test
    void withoutADelegateItWrapsTheDefaultAllocatorAndNeverClosesIt() {
        CountingAllocator counter = (CountingAllocator) new CountingProvider().create(AllocatorConfig.EMPTY);
        assertSame(Allocators.defaultAllocator(), counter.delegate());
        counter.allocate(8, 8, BlockKind.REFS);
        assertEquals(1, counter.snapshot().blocks());
        counter.close();
        assertTrue(Allocators.defaultAllocator().isOpen());
    }

    @Test
    void aNamedDelegateIsCreatedAndClosedWithTheCounter() {
        CountingAllocator counter = (CountingAllocator) new CountingProvider().create(
                AllocatorConfig.of("delegate", "test-native", "budgetBytes", "1k"));
        Allocator delegate = counter.delegate();
        assertInstanceOf(TestAllocators.Native.class, delegate);
        assertEquals("counting(test-native)", counter.name());
        assertEquals(OptionalLong.of(1024), counter.budgetBytes());
        counter.close();
        assertFalse(delegate.isOpen());
    }

    @Test
    void delegateSettingsArePassedOn() {
        try (Allocator counter = new CountingProvider().create(
                AllocatorConfig.of("delegate", "test-heap", "delegate.name", "renamed"))) {
            assertEquals("counting(renamed)", counter.name());
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        CountingProvider provider = new CountingProvider();
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> provider.create(AllocatorConfig.of("budgetBytes", "lots")));
        assertTrue(budget.getMessage().contains("budgetBytes"), budget.getMessage());
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> provider.create(AllocatorConfig.of("delegate", "counting")));
        assertTrue(self.getMessage().contains("delegate"), self.getMessage());
        assertThrows(AllocatorDiscoveryException.class, () -> provider.create(AllocatorConfig.of("delegate", "nope")));
    }
}
