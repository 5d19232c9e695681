package dev.arbor.micrometer.archfixture;

import dev.arbor.arena.archfixture.ArenaFixture;
import io.micrometer.core.instrument.MeterRegistry;

/** Violates MICROMETER_DEPENDS_ON_API_AND_MICROMETER_ONLY: metrics that reach into a plugin's class. */
public final class MetricsUsePlugin {
    private MetricsUsePlugin() {
    }

    static void bind(MeterRegistry registry) {
        ArenaFixture arena = new ArenaFixture();
        registry.gauge("arena", arena, a -> 0);
    }
}
