package dev.arbor.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.discovery.AllocatorCatalog;
import dev.arbor.api.discovery.Allocators;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A Guice module that makes the allocator plugins on the classpath injectable.
 *
 * <p>It binds:
 * <ul>
 *   <li>{@link Allocator}, unannotated: the default allocator. With the classpath's catalog this
 *       is the process-wide {@link Allocators#defaultAllocator()} (chosen by
 *       {@code -Darbor.allocator=<name>}, else the single default plugin, normally {@code gc});
 *       with a catalog passed to {@link Builder#catalog}, it is that catalog's default provider's
 *       named allocator (below);</li>
 *   <li>{@code @Named("<provider name>") Allocator} for every provider in the catalog: one
 *       allocator per injector, created on first injection, configured by
 *       {@link Builder#config} for that name, else by the {@code arbor.<name>.*} system
 *       properties;</li>
 *   <li>{@link AllocatorCatalog}: the catalog the module was built on;</li>
 *   <li>{@code Map<String, AllocatorProvider>}: every provider by name (a {@link MapBinder}, so
 *       other modules may add providers);</li>
 *   <li>{@link ManagedAllocators}: one per injector; closing it closes every allocator this
 *       module created (never the process-wide default).</li>
 * </ul>
 *
 * <p>Usage:
 * <pre>{@code
 * Injector injector = Guice.createInjector(ArborModule.builder()
 *         .config("arena", AllocatorConfig.of("chunkSize", "1m"))
 *         .build());
 *
 * final class ReportBuilder {
 *     @Inject
 *     ReportBuilder(Allocator defaults, @Named("arena") Allocator scratch) { ... }
 * }
 *
 * // when the application stops:
 * injector.getInstance(ManagedAllocators.class).close();
 * }</pre>
 *
 * <p>Named allocators are not Guice singletons but are memoized by {@link ManagedAllocators}:
 * every injection of one name in one injector gets the same allocator, and none is created
 * eagerly even in {@link com.google.inject.Stage#PRODUCTION} (an arena nobody uses reserves no
 * memory). A module instance may be installed in several injectors; each gets its own
 * allocators.
 */
public final class ArborModule extends AbstractModule {
    private final AllocatorCatalog catalog;
    private final Map<String, AllocatorConfig> configs;
    private final boolean registerMBeans;

    /** A module on the classpath's catalog ({@link Allocators#catalog()}), configured by system properties. */
    public ArborModule() {
        this(null, Map.of(), false);
    }

    private ArborModule(AllocatorCatalog catalog, Map<String, AllocatorConfig> configs, boolean registerMBeans) {
        this.catalog = catalog;
        this.configs = Map.copyOf(configs);
        this.registerMBeans = registerMBeans;
    }

    /** {@return a builder for a module with its own catalog or settings} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void configure() {
        AllocatorCatalog c = catalog != null ? catalog : Allocators.catalog();
        for (String name : configs.keySet()) {
            // Fails injector creation, listing the plugins found, instead of silently ignoring
            // settings for an allocator that is not there. Reported as a message, not an
            // exception, because Guice logs every exception it collects.
            if (c.find(name).isEmpty()) {
                addError("ArborModule has settings for allocator '%s', but the catalog has no such plugin: %s."
                        + " Add the plugin's jar (e.g. arbor-spi-%s) to the classpath or remove the settings", name, c, name);
                continue;
            }
            try {
                configs.get(name).requireKnownKeys(name, c.provider(name).configKeys());
            } catch (IllegalArgumentException e) {
                addError("ArborModule: %s", e.getMessage());
            }
        }
        boolean processDefault = c == Allocators.catalog();

        bind(AllocatorCatalog.class).toInstance(c);
        bind(ManagedAllocators.class).toProvider(new RegistryProvider(c, configs, processDefault, registerMBeans)).in(Scopes.SINGLETON);
        Provider<ManagedAllocators> registry = getProvider(ManagedAllocators.class);

        bind(Allocator.class).toProvider(new DefaultAllocatorProvider(registry));
        MapBinder<String, AllocatorProvider> byName = MapBinder.newMapBinder(binder(), String.class, AllocatorProvider.class);
        for (AllocatorProvider p : c.providers()) {
            bind(Key.get(Allocator.class, Names.named(p.name()))).toProvider(new NamedAllocatorProvider(p.name(), registry));
            byName.addBinding(p.name()).toInstance(p);
        }
    }

    @Override
    public String toString() {
        return "ArborModule[" + (catalog != null ? catalog : "classpath catalog") + ", configs=" + configs.keySet() + "]";
    }

    /** Settings for an {@link ArborModule}. Not thread-safe; build once. */
    public static final class Builder {
        private AllocatorCatalog catalog;
        private final Map<String, AllocatorConfig> configs = new LinkedHashMap<>();
        private boolean registerMBeans;

        private Builder() {
        }

        /**
         * The catalog to bind instead of the classpath's (tests, or hosts that register plugins
         * themselves). Unless it is {@link Allocators#catalog()} itself, the unannotated
         * {@link Allocator} is then this catalog's default provider's named allocator.
         *
         * @param catalog the catalog to bind
         * @return this builder
         */
        public Builder catalog(AllocatorCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * The exact settings for the allocator named {@code name}, used instead of its
         * {@code arbor.<name>.*} system properties. Creating the injector fails if the catalog
         * has no provider of that name.
         *
         * @param name   the provider's name
         * @param config the allocator's settings, replacing any given before for {@code name}
         * @return this builder
         */
        public Builder config(String name, AllocatorConfig config) {
            configs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(config, "config"));
            return this;
        }

        /**
         * Settings for several allocators from configuration the host already has: every entry
         * whose key is {@code prefix + "<allocator>.<setting>"} (with prefix {@code "arbor."},
         * {@code arbor.arena.chunkSize=4m}) sets {@code <setting>} of that allocator, over what
         * {@link #config} gave it. Other entries are ignored. As with {@link #config}, creating
         * the injector fails if the catalog has no such allocator, or the allocator no such setting.
         *
         * @param settings the host's configuration entries
         * @param prefix   the prefix of the entries to read, e.g. {@code "arbor."}
         * @return this builder
         * @throws IllegalArgumentException if a key has the prefix but no {@code <allocator>.<setting>} after it
         */
        public Builder configs(Map<String, String> settings, String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(settings, "settings").forEach((key, value) -> {
                if (!key.startsWith(prefix)) {
                    return;
                }
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot <= 0 || dot == rest.length() - 1) {
                    throw new IllegalArgumentException("setting '" + key + "' has the prefix '" + prefix
                            + "' but not the form " + prefix + "<allocator>.<setting>, e.g. " + prefix + "arena.chunkSize");
                }
                String name = rest.substring(0, dot);
                configs.merge(name, AllocatorConfig.of(rest.substring(dot + 1), value), AllocatorConfig::with);
            });
            return this;
        }

        /**
         * As {@link #configs(Map, String)}, from a host's {@link Properties}.
         *
         * @param properties the host's configuration
         * @param prefix     the prefix of the properties to read, e.g. {@code "arbor."}
         * @return this builder
         * @throws IllegalArgumentException if a key has the prefix but no {@code <allocator>.<setting>} after it
         */
        public Builder configs(Properties properties, String prefix) {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String key : Objects.requireNonNull(properties, "properties").stringPropertyNames()) {
                settings.put(key, properties.getProperty(key));
            }
            return configs(settings, prefix);
        }

        /**
         * Registers each allocator the injector creates with JMX ({@code AllocatorMBeans}), until
         * it is closed; allocators that do not report their close are left out.
         *
         * @return this builder
         */
        public Builder registerMBeans() {
            this.registerMBeans = true;
            return this;
        }

        /** {@return a new module with these settings} */
        public ArborModule build() {
            return new ArborModule(catalog, configs, registerMBeans);
        }
    }

    /** Makes one registry per injector (the binding is a singleton). */
    private record RegistryProvider(AllocatorCatalog catalog, Map<String, AllocatorConfig> configs, boolean processDefault,
                                    boolean registerMBeans) implements Provider<ManagedAllocators> {
        @Override
        public ManagedAllocators get() {
            return new ManagedAllocators(catalog, configs, processDefault, registerMBeans);
        }
    }

    private record DefaultAllocatorProvider(Provider<ManagedAllocators> registry) implements Provider<Allocator> {
        @Override
        public Allocator get() {
            return registry.get().defaultAllocator();
        }
    }

    private record NamedAllocatorProvider(String name, Provider<ManagedAllocators> registry) implements Provider<Allocator> {
        @Override
        public Allocator get() {
            return registry.get().get(name);
        }
    }
}
