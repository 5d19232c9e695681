package dev.arbor.micrometer;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Binds the statistics of allocators to a Micrometer registry, one set of meters per allocator,
 * tagged {@code allocator=<name>} (plus any tags given):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>from {@link AllocatorStats}</th></tr>
 *   <tr><td>{@code arbor.allocator.blocks.allocated}</td><td>function counter</td><td>{@code blocksAllocated}</td></tr>
 *   <tr><td>{@code arbor.allocator.blocks.freed}</td><td>function counter</td><td>{@code blocksFreed}</td></tr>
 *   <tr><td>{@code arbor.allocator.allocated}</td><td>function counter, bytes</td><td>{@code bytesAllocated}</td></tr>
 *   <tr><td>{@code arbor.allocator.resets}</td><td>function counter</td><td>{@code resets}</td></tr>
 *   <tr><td>{@code arbor.allocator.in.use}</td><td>gauge, bytes</td><td>{@code bytesInUse}</td></tr>
 *   <tr><td>{@code arbor.allocator.reserved}</td><td>gauge, bytes</td><td>{@code bytesReserved}</td></tr>
 *   <tr><td>{@code arbor.allocator.peak.in.use}</td><td>gauge, bytes</td><td>{@code peakBytesInUse}</td></tr>
 *   <tr><td>{@code arbor.allocator.roots.pinned}</td><td>gauge</td><td>{@code pinnedRoots}</td></tr>
 * </table>
 *
 * <p>Each reading takes one {@link Allocator#stats()} snapshot, which any thread may take, also
 * after the allocator is closed. The meters hold the allocators weakly, as Micrometer's function
 * meters do: an allocator the application dropped reads as {@code NaN}.
 */
public final class AllocatorMetrics implements MeterBinder {
    private final List<Allocator> allocators;
    private final Tags tags;

    /**
     * Metrics for {@code allocators}, tagged with their names.
     *
     * @param allocators the allocators to bind, copied
     */
    public AllocatorMetrics(List<? extends Allocator> allocators) {
        this(allocators, Tags.empty());
    }

    /**
     * Metrics for {@code allocators}, tagged with their names and {@code tags}.
     *
     * @param allocators the allocators to bind, copied
     * @param tags       tags added to every meter
     */
    public AllocatorMetrics(List<? extends Allocator> allocators, Iterable<Tag> tags) {
        this.allocators = List.copyOf(Objects.requireNonNull(allocators, "allocators"));
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Allocator a : allocators) {
            Tags t = tags.and("allocator", a.name());
            counter(registry, "arbor.allocator.blocks.allocated", "blocks handed out", null, a, t,
                    x -> x.stats().blocksAllocated());
            counter(registry, "arbor.allocator.blocks.freed", "blocks given back one by one", null, a, t,
                    x -> x.stats().blocksFreed());
            counter(registry, "arbor.allocator.allocated", "bytes requested", "bytes", a, t,
                    x -> x.stats().bytesAllocated());
            counter(registry, "arbor.allocator.resets", "resets", null, a, t, x -> x.stats().resets());
            gauge(registry, "arbor.allocator.in.use", "bytes handed out now", "bytes", a, t,
                    x -> x.stats().bytesInUse());
            gauge(registry, "arbor.allocator.reserved", "bytes obtained from the system now", "bytes", a, t,
                    x -> x.stats().bytesReserved());
            gauge(registry, "arbor.allocator.peak.in.use", "the most bytes handed out at once", "bytes", a, t,
                    x -> x.stats().peakBytesInUse());
            gauge(registry, "arbor.allocator.roots.pinned", "JVM objects kept reachable for native memory", null, a, t,
                    x -> x.stats().pinnedRoots());
        }
    }

    private static void counter(MeterRegistry registry, String name, String description, String unit, Allocator a,
                                Tags tags, ToDoubleFunction<Allocator> value) {
        FunctionCounter.builder(name, a, value).description(description).baseUnit(unit).tags(tags).register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, String unit, Allocator a,
                              Tags tags, ToDoubleFunction<Allocator> value) {
        Gauge.builder(name, a, value).description(description).baseUnit(unit).tags(tags).register(registry);
    }
}
