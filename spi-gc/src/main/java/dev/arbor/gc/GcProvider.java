package dev.arbor.gc;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import java.util.Set;

/**
 * The {@code gc} plugin's {@link java.util.ServiceLoader} entry: the default allocator, whose
 * blocks are JVM heap memory reclaimed by the garbage collector. It takes no settings.
 */
public final class GcProvider implements AllocatorProvider {
    /** The name users pick this allocator by. */
    public static final String NAME = "gc";

    /** Called by {@link java.util.ServiceLoader}. */
    public GcProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "JVM heap memory reclaimed by the garbage collector (the default; no native memory)";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of();
    }

    @Override
    public boolean isDefault() {
        return true;
    }

    @Override
    public Allocator create(AllocatorConfig config) {
        return new GcAllocator();
    }
}
