package dev.arbor.gc.archfixture;

import dev.arbor.api.Allocator;
import dev.arbor.api.discovery.Allocators;

/** Keeps the plugin rules: a plugin class that sees api and the JDK only. */
public final class GcUsesApiOnly {
    Allocator fallback() {
        return Allocators.defaultAllocator();
    }
}
