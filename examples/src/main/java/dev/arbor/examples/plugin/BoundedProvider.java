package dev.arbor.examples.plugin;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import java.util.Set;

public final class BoundedProvider implements AllocatorProvider {
    public BoundedProvider() {                      // ServiceLoader needs a public no-argument constructor
    }

    @Override
    public String name() {
        return "bounded";                           // lower case, unique on the class path
    }

    @Override
    public String description() {
        return "JVM heap blocks, at most maxBytes in use at a time";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("maxBytes");                  // any other key is refused, with the closest one named
    }

    @Override
    public Allocator create(AllocatorConfig config) {
        return new BoundedAllocator(config.getBytes("maxBytes", 64L << 20));
    }
}
