package dev.arbor.debug;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import java.util.Set;

/**
 * The ServiceLoader entry of the debug allocator: name {@code debug}, never the default.
 * Settings ({@code -Darbor.debug.<key>=...} through discovery): see {@link DebugAllocator.Builder#config}.
 */
public final class DebugProvider implements AllocatorProvider {
    /** The name users pick it by. */
    public static final String NAME = "debug";

    /** For {@link java.util.ServiceLoader}. */
    public DebugProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "checking native allocator: double, foreign and wrong-size frees, leaks with allocation sites, "
                + "use after free or reset throws";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("leakDetection", "sampleInterval", "quarantine", "failOnLeak");
    }

    @Override
    public Allocator create(AllocatorConfig config) {
        return DebugAllocator.builder().config(config).build();
    }
}
