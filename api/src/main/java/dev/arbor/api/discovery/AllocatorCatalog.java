package dev.arbor.api.discovery;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorDiscoveryException;
import dev.arbor.api.AllocatorProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The allocator plugins found on a class path, by name. Immutable and thread-safe.
 *
 * <p>The default allocator is chosen, in order: by the system property
 * {@value #ALLOCATOR_PROPERTY} (a provider name); else the single provider whose
 * {@link AllocatorProvider#isDefault()} is true. Zero or several such providers are an error that
 * lists what was found; discovery never picks "the first".
 */
public final class AllocatorCatalog {
    /** The system property that names the default allocator, e.g. {@code -Darbor.allocator=arena}. */
    public static final String ALLOCATOR_PROPERTY = "arbor.allocator";

    private final Map<String, AllocatorProvider> byName;

    private AllocatorCatalog(Map<String, AllocatorProvider> byName) {
        this.byName = byName;
    }

    /**
     * The providers registered with {@link ServiceLoader} visible from {@code loader}.
     *
     * @param loader the class loader to search
     * @return a catalog of the providers found, possibly none
     * @throws AllocatorDiscoveryException if a registered provider cannot be loaded, or two share a name
     */
    public static AllocatorCatalog load(ClassLoader loader) {
        List<AllocatorProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(AllocatorProvider.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new AllocatorDiscoveryException("an allocator plugin on the classpath is broken: " + e.getMessage()
                    + "; check its META-INF/services/" + AllocatorProvider.class.getName() + " entry");
        }
        return of(found);
    }

    /**
     * A catalog of the given providers (for tests and hosts that register plugins themselves).
     *
     * @param providers the providers, in any order
     * @return a catalog of {@code providers}
     * @throws AllocatorDiscoveryException if two providers share a name
     */
    public static AllocatorCatalog of(List<? extends AllocatorProvider> providers) {
        Map<String, AllocatorProvider> byName = new LinkedHashMap<>();
        List<AllocatorProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(AllocatorProvider::name));
        for (AllocatorProvider p : sorted) {
            Objects.requireNonNull(p.name(), () -> p.getClass().getName() + ".name()");
            AllocatorProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null) {
                throw new AllocatorDiscoveryException("two allocator plugins are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName()
                        + "; remove one of them from the classpath");
            }
        }
        return new AllocatorCatalog(byName);
    }

    /** {@return every provider, sorted by name} */
    public List<AllocatorProvider> providers() {
        return List.copyOf(byName.values());
    }

    /**
     * The provider called {@code name}, if present.
     *
     * @param name the provider's name
     * @return the provider, or an empty optional if there is none
     */
    public Optional<AllocatorProvider> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The provider called {@code name}.
     *
     * @param name the provider's name
     * @return the provider
     * @throws AllocatorDiscoveryException if there is none; the message lists the names present
     */
    public AllocatorProvider provider(String name) {
        AllocatorProvider p = byName.get(Objects.requireNonNull(name, "name"));
        if (p == null) {
            throw new AllocatorDiscoveryException("no allocator plugin named '" + name + "' on the classpath; found: "
                    + describe(providers()) + ". Add the plugin's jar (e.g. arbor-spi-" + name + ") to the classpath");
        }
        return p;
    }

    /**
     * A new allocator from the provider {@code name}, configured by {@code arbor.<name>.*} system properties.
     *
     * @param name the provider's name
     * @return a new, open allocator; the caller closes it
     * @throws AllocatorDiscoveryException if there is no provider called {@code name}
     * @throws IllegalArgumentException    if a property sets a key the provider does not read, or a bad value
     */
    public Allocator create(String name) {
        return create(name, AllocatorConfig.fromProperties(System.getProperties(), name));
    }

    /**
     * A new allocator from the provider {@code name} with exactly {@code config}.
     *
     * @param name   the provider's name
     * @param config the allocator's settings
     * @return a new, open allocator; the caller closes it
     * @throws AllocatorDiscoveryException if there is no provider called {@code name}
     * @throws IllegalArgumentException    if {@code config} has a key the provider does not read, or a bad value
     */
    public Allocator create(String name, AllocatorConfig config) {
        AllocatorProvider provider = provider(name);
        Objects.requireNonNull(config, "config").requireKnownKeys(provider.name(), provider.configKeys());
        return provider.create(config);
    }

    /**
     * The default provider, chosen with the system properties.
     *
     * @return the default provider
     * @throws AllocatorDiscoveryException as {@link #defaultProvider(Properties)} does
     */
    public AllocatorProvider defaultProvider() {
        return defaultProvider(System.getProperties());
    }

    /**
     * The default provider, chosen with {@code properties} (see the class comment).
     *
     * @param properties where to read {@value #ALLOCATOR_PROPERTY}
     * @return the default provider
     * @throws AllocatorDiscoveryException if the property names an unknown provider, or no
     *                                     property is set and zero or several providers claim to
     *                                     be the default
     */
    public AllocatorProvider defaultProvider(Properties properties) {
        String chosen = properties.getProperty(ALLOCATOR_PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            return provider(chosen.trim());
        }
        List<AllocatorProvider> defaults = byName.values().stream().filter(AllocatorProvider::isDefault).toList();
        if (defaults.size() == 1) {
            return defaults.getFirst();
        }
        if (defaults.isEmpty()) {
            throw new AllocatorDiscoveryException("no allocator plugin on the classpath can be the default (found: "
                    + describe(providers()) + "). Add arbor-spi-gc to the classpath, or choose one with -D"
                    + ALLOCATOR_PROPERTY + "=<name>");
        }
        throw new AllocatorDiscoveryException("several allocator plugins claim to be the default: " + describe(defaults)
                + ". Choose one with -D" + ALLOCATOR_PROPERTY + "=<name>, or remove the others from the classpath");
    }

    private static String describe(List<AllocatorProvider> providers) {
        if (providers.isEmpty()) {
            return "none";
        }
        return providers.stream().map(p -> p.name() + " (" + p.getClass().getName() + ")").collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "AllocatorCatalog" + byName.keySet();
    }
}
