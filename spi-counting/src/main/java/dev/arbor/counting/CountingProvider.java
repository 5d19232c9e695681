package dev.arbor.counting;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.discovery.Allocators;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code counting} plugin's {@link java.util.ServiceLoader} entry. Settings:
 * <ul>
 *   <li>{@code delegate}: the name of the allocator to count over. The counter creates it
 *       (with its {@code arbor.<name>.*} system properties, overlaid by this config's
 *       {@code delegate.*} keys, prefix removed) and closes it when the counter closes. Without
 *       it, the counter wraps the shared {@linkplain Allocators#defaultAllocator() default
 *       allocator} and never closes it.</li>
 *   <li>{@code budgetBytes}: optional byte size ({@code 4096}, {@code 64k}, ...): allocations past
 *       it throw (see {@link CountingAllocator}).</li>
 * </ul>
 */
public final class CountingProvider implements AllocatorProvider {
    /** The name users pick this allocator by. */
    public static final String NAME = "counting";
    /** The setting naming the allocator to count over. */
    public static final String DELEGATE = "delegate";
    /** The setting of the optional allocation budget, in bytes. */
    public static final String BUDGET_BYTES = "budgetBytes";

    private static final String DELEGATE_PREFIX = DELEGATE + ".";

    /** Called by {@link java.util.ServiceLoader}. */
    public CountingProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "counts blocks and bytes of another allocator, for tests and allocation budgets";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of(DELEGATE, BUDGET_BYTES, DELEGATE_PREFIX + "*");
    }

    @Override
    public Allocator create(AllocatorConfig config) {
        // Parse everything before creating the delegate, so a bad setting leaks nothing.
        long budget = config.getBytes(BUDGET_BYTES, Long.MAX_VALUE);
        String delegateName = config.getString(DELEGATE, "").trim();
        if (delegateName.isEmpty()) {
            return CountingDecorator.over(Allocators.defaultAllocator(), false, budget);
        }
        if (delegateName.equals(NAME)) {
            throw new IllegalArgumentException("allocator setting '" + DELEGATE + "' is '" + delegateName
                    + "'; a counter cannot create another counter as its delegate: name the allocator to count over, e.g. arena");
        }
        Allocator delegate = Allocators.create(delegateName,
                AllocatorConfig.fromProperties(System.getProperties(), delegateName).with(delegateSettings(config)));
        try {
            return CountingDecorator.over(delegate, true, budget);
        } catch (RuntimeException e) {
            delegate.close();
            throw e;
        }
    }

    private static AllocatorConfig delegateSettings(AllocatorConfig config) {
        Map<String, String> settings = new TreeMap<>();
        config.asMap().forEach((key, value) -> {
            if (key.startsWith(DELEGATE_PREFIX)) {
                settings.put(key.substring(DELEGATE_PREFIX.length()), value);
            }
        });
        return AllocatorConfig.of(settings);
    }
}
