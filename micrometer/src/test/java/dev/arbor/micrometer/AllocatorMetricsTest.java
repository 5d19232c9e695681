package dev.arbor.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.api.BlockKind;
import dev.arbor.arena.ArenaAllocator;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binder's meters read the allocators' statistics, per allocator, also after close. */
class AllocatorMetricsTest {

    @Test
    void eachAllocatorGetsItsMetersTaggedWithItsName() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ArenaAllocator a = ArenaAllocator.builder().name("requests").chunkSize(4096).build();
             ArenaAllocator b = ArenaAllocator.builder().name("batches").chunkSize(4096).build()) {
            new AllocatorMetrics(List.of(a, b), Tags.of("app", "test")).bindTo(registry);
            for (int i = 0; i < 3; i++) {
                a.allocate(100, 8, BlockKind.NOREFS);
            }
            b.free(b.allocate(64, 8, BlockKind.NOREFS));
            assertEquals(3, registry.get("arbor.allocator.blocks.allocated").tags("allocator", "requests", "app", "test")
                    .functionCounter().count());
            assertEquals(1, registry.get("arbor.allocator.blocks.freed").tag("allocator", "batches").functionCounter().count());
            assertEquals(300, registry.get("arbor.allocator.allocated").tag("allocator", "requests").functionCounter().count());
            assertEquals(4096, registry.get("arbor.allocator.reserved").tag("allocator", "requests").gauge().value());
            assertEquals(a.stats().bytesInUse(), registry.get("arbor.allocator.in.use").tag("allocator", "requests").gauge().value());
            a.reset();
            assertEquals(1, registry.get("arbor.allocator.resets").tag("allocator", "requests").functionCounter().count());
            assertEquals(0, registry.get("arbor.allocator.in.use").tag("allocator", "requests").gauge().value());
        }
        assertEquals(0, registry.get("arbor.allocator.reserved").tag("allocator", "requests").gauge().value(),
                "a closed allocator's statistics still read");
        assertEquals(8, registry.getMeters().size() / 2, "eight meters per allocator");
    }
}
