package dev.arbor.it.support;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import java.util.Set;

/**
 * A provider that is never asked for an allocator: for catalogs built by hand to test how
 * discovery chooses (zero or several defaults).
 */
public record FakeProvider(String name, boolean isDefault) implements AllocatorProvider {
    @Override
    public String description() {
        return "fake provider " + name;
    }

    @Override
    public Set<String> configKeys() {
        return Set.of();
    }

    @Override
    public Allocator create(AllocatorConfig config) {
        throw new UnsupportedOperationException("fake provider '" + name + "' creates no allocators");
    }
}
