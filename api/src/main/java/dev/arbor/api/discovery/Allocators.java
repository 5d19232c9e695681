package dev.arbor.api.discovery;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import java.util.List;

/**
 * The process-wide entry point to the allocator plugins on the classpath.
 *
 * <p>The catalog is loaded once, from the class loader that loaded Arbor's API. The
 * {@linkplain #defaultAllocator() default allocator} is created once, on first use, and lives as
 * long as the JVM: its {@code close()} throws {@link UnsupportedOperationException}, as
 * {@link java.lang.foreign.Arena#global()}'s does.
 */
public final class Allocators {
    private static volatile AllocatorCatalog catalog;
    private static volatile Allocator defaultAllocator;

    private Allocators() {
    }

    /**
     * The plugins on the classpath.
     *
     * @return the catalog, loaded on the first call
     * @throws dev.arbor.api.AllocatorDiscoveryException if a registered plugin cannot be loaded, or two share a name
     */
    public static AllocatorCatalog catalog() {
        AllocatorCatalog c = catalog;
        if (c == null) {
            synchronized (Allocators.class) {
                c = catalog;
                if (c == null) {
                    c = AllocatorCatalog.load(Allocators.class.getClassLoader());
                    catalog = c;
                }
            }
        }
        return c;
    }

    /** {@return every provider on the classpath, sorted by name} */
    public static List<AllocatorProvider> providers() {
        return catalog().providers();
    }

    /**
     * A new allocator by provider name, configured by {@code arbor.<name>.*} system properties.
     *
     * @param name the provider's name
     * @return a new, open allocator; the caller closes it
     * @see AllocatorCatalog#create(String)
     */
    public static Allocator create(String name) {
        return catalog().create(name);
    }

    /**
     * A new allocator by provider name with exactly {@code config}.
     *
     * @param name   the provider's name
     * @param config the allocator's settings
     * @return a new, open allocator; the caller closes it
     * @see AllocatorCatalog#create(String, AllocatorConfig)
     */
    public static Allocator create(String name, AllocatorConfig config) {
        return catalog().create(name, config);
    }

    /**
     * The shared default allocator (see {@link AllocatorCatalog#defaultProvider()} for how it is
     * chosen), created on first use with its {@code arbor.<name>.*} system properties. If choosing
     * fails, every call throws the same explanation until the classpath is fixed.
     *
     * @return the default allocator, the same instance at every call
     * @throws dev.arbor.api.AllocatorDiscoveryException if no default can be chosen
     *                                                    (see {@link AllocatorCatalog#defaultProvider()})
     */
    public static Allocator defaultAllocator() {
        Allocator a = defaultAllocator;
        if (a == null) {
            synchronized (Allocators.class) {
                a = defaultAllocator;
                if (a == null) {
                    AllocatorProvider p = catalog().defaultProvider();
                    a = catalog().create(p.name(), AllocatorConfig.fromProperties(System.getProperties(), p.name()));
                    defaultAllocator = a;
                }
            }
        }
        return a;
    }

    /**
     * Whether {@code allocator} is the {@linkplain #defaultAllocator() default allocator} (false
     * while none has been created). Arbor's allocators refuse to close it.
     *
     * @param allocator the allocator to check, or {@code null}
     * @return {@code true} if {@code allocator} is the default allocator
     */
    public static boolean isDefault(Allocator allocator) {
        return allocator != null && allocator == defaultAllocator;
    }

    /**
     * Throws if {@code allocator} is the default allocator: for the {@code close()} of every
     * allocator a provider creates.
     *
     * @param allocator the allocator being closed
     * @throws UnsupportedOperationException if it is the default allocator
     */
    public static void refuseToCloseDefault(Allocator allocator) {
        if (isDefault(allocator)) {
            throw new UnsupportedOperationException("allocator '" + allocator.name()
                    + "' is the process-wide default (Allocators.defaultAllocator()): it lives as long as the JVM and "
                    + "cannot be closed. Create your own allocator (Allocators.create(name)) to control its lifetime");
        }
    }
}
