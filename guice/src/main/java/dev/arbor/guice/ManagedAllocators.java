package dev.arbor.guice;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.CloseActions;
import dev.arbor.api.discovery.AllocatorCatalog;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.jmx.AllocatorMBeans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The allocators an {@link ArborModule} created for one injector, and the host's handle to close
 * them. Inject it and close it when the application stops:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new ArborModule());
 * try (ManagedAllocators allocators = injector.getInstance(ManagedAllocators.class)) {
 *     // ... run the application ...
 * } // closes every allocator the module created, never the process-wide default
 * }</pre>
 *
 * <p>Each provider name gets at most one allocator, created on first request (so an arena
 * nobody injects reserves no memory). {@link #close()} closes them newest first; it never
 * closes {@link Allocators#defaultAllocator()}, which lives as long as the JVM. Thread-safe.
 *
 * <p>Confined allocators (an arena, by default) belong to the thread that first asked for them:
 * allocating from or closing them on another thread throws {@link WrongThreadException}.
 * Configure such a plugin for shared use if several threads inject it.
 */
public final class ManagedAllocators implements AutoCloseable {
    private final AllocatorCatalog catalog;
    private final Map<String, AllocatorConfig> configs;
    private final boolean processDefault;
    private final boolean registerMBeans;
    private final Map<String, Allocator> created = new LinkedHashMap<>();
    private String defaultName;
    private boolean closed;

    /**
     * @param catalog        where allocators come from
     * @param configs        settings per provider name; a name without an entry is configured by
     *                       its {@code arbor.<name>.*} system properties
     * @param processDefault whether the unannotated default is the process-wide
     *                       {@link Allocators#defaultAllocator()} (true) or this registry's
     *                       allocator for the catalog's default provider (false)
     * @param registerMBeans whether each allocator created is registered with JMX
     *                       ({@link AllocatorMBeans}; those that do not report their close are not)
     */
    ManagedAllocators(AllocatorCatalog catalog, Map<String, AllocatorConfig> configs, boolean processDefault,
                      boolean registerMBeans) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.configs = Map.copyOf(configs);
        this.processDefault = processDefault;
        this.registerMBeans = registerMBeans;
    }

    /**
     * The allocator of the provider {@code name}, created on the first call with the module's
     * settings for that name (else its {@code arbor.<name>.*} system properties); later calls
     * return the same allocator.
     *
     * @param name the provider's name
     * @return the allocator, the same at every call for {@code name}
     * @throws dev.arbor.api.AllocatorDiscoveryException if the catalog has no such provider
     * @throws IllegalStateException                     if this registry is closed
     */
    public synchronized Allocator get(String name) {
        Objects.requireNonNull(name, "name");
        requireOpen(name);
        Allocator a = created.get(name);
        if (a == null) {
            AllocatorConfig config = configs.get(name);
            a = config != null ? catalog.create(name, config) : catalog.create(name);
            created.put(name, a);
            if (registerMBeans) {
                try {
                    AllocatorMBeans.register(a);               // unregistered when the allocator closes
                } catch (UnsupportedOperationException doesNotReportItsClose) {
                    // Left out: its MBean could never be unregistered.
                }
            }
        }
        return a;
    }

    /**
     * The allocator injected where no name is asked for: {@link Allocators#defaultAllocator()}
     * for a module built on the classpath's catalog; otherwise {@link #get(String)} of the
     * catalog's {@linkplain AllocatorCatalog#defaultProvider() default provider}, chosen once.
     *
     * @return the default allocator, the same at every call
     * @throws dev.arbor.api.AllocatorDiscoveryException if no single default can be chosen
     * @throws IllegalStateException                     if this registry is closed
     */
    public synchronized Allocator defaultAllocator() {
        if (processDefault) {
            requireOpen("the default allocator");
            return Allocators.defaultAllocator();
        }
        if (defaultName == null) {
            requireOpen("the default allocator");
            defaultName = catalog.defaultProvider().name();
        }
        return get(defaultName);
    }

    /** {@return the provider names whose allocators were created so far, in creation order} */
    public synchronized List<String> createdNames() {
        return List.copyOf(created.keySet());
    }

    /** {@return whether {@link #close()} has not been called yet} */
    public synchronized boolean isOpen() {
        return !closed;
    }

    /**
     * Closes every allocator this registry created, newest first, skipping those the host
     * already closed. Every allocator gets its close call even if an earlier one fails; the
     * first failure is thrown with the others suppressed. Afterwards {@link #get} throws.
     *
     * @throws IllegalStateException if already closed (a second close is a lifecycle bug, as
     *                               for {@link Allocator#close()})
     */
    @Override
    public synchronized void close() {
        if (closed) {
            throw new IllegalStateException("the allocators of this injector are already closed " + created.keySet());
        }
        closed = true;
        CloseActions.closeNewestFirst(new ArrayList<>(created.values()));
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new IllegalStateException("cannot provide allocator '" + what + "': the injector's allocators were closed "
                    + "(ManagedAllocators.close()); create a new injector to get new ones");
        }
    }

    @Override
    public synchronized String toString() {
        return "ManagedAllocators" + created.keySet() + (closed ? " (closed)" : "");
    }
}
