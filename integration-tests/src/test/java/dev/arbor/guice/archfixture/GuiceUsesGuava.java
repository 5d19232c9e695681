package dev.arbor.guice.archfixture;

import com.google.common.collect.ImmutableMap;

/** Violates GUICE_DEPENDS_ON_API_AND_GUICE_ONLY: Guava is Guice's dependency, not ours. */
public final class GuiceUsesGuava {
    private GuiceUsesGuava() {
    }

    static ImmutableMap<String, String> settings() {
        return ImmutableMap.of("arena.chunkSize", "1m");
    }
}
