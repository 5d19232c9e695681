package dev.arbor.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.api.BlockKind;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.micrometer.AllocatorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Micrometer snippet of {@code docs/allocators.md}, word for word, and what it reads. */
class MetricsPageTest {
    @Test
    void theSnippetReadsTheArenasBytesInUse() {
        MeterRegistry registry = new SimpleMeterRegistry();    // or your application's registry
        ArenaAllocator requests = ArenaAllocator.builder().name("requests").shared(true).build();
        new AllocatorMetrics(List.of(requests)).bindTo(registry);
        double inUse = registry.get("arbor.allocator.in.use").tag("allocator", "requests").gauge().value();
        assertEquals(0, inUse);
        requests.allocate(64, 8, BlockKind.NOREFS);
        assertEquals(64, registry.get("arbor.allocator.in.use").tag("allocator", "requests").gauge().value());
        requests.close();
    }
}
