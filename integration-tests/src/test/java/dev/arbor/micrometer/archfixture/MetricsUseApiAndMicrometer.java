package dev.arbor.micrometer.archfixture;

import dev.arbor.api.Allocator;
import io.micrometer.core.instrument.MeterRegistry;

/** Keeps MICROMETER_DEPENDS_ON_API_AND_MICROMETER_ONLY: a gauge over what api reports. */
public final class MetricsUseApiAndMicrometer {
    private MetricsUseApiAndMicrometer() {
    }

    static void bind(MeterRegistry registry, Allocator allocator) {
        registry.gauge("bytes.in.use", allocator, a -> a.stats().bytesInUse());
    }
}
