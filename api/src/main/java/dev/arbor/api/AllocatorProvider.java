package dev.arbor.api;

import java.util.Set;

/**
 * A plugin's entry point, found with {@link java.util.ServiceLoader}: list the implementing class
 * in {@code META-INF/services/dev.arbor.api.AllocatorProvider}. Implementations need a public
 * no-argument constructor and must be cheap to construct (discovery instantiates every provider).
 */
public interface AllocatorProvider {

    /**
     * The name users pick the allocator by ({@code -Darbor.allocator=<name>}); lower case, unique.
     *
     * @return the allocator's name
     */
    String name();

    /**
     * One line for listings: what the allocator is for.
     *
     * @return the description
     */
    String description();

    /**
     * Whether this allocator may serve as the default (the allocator new nodes go to when no
     * allocator is current). Exactly one provider on the classpath should say yes; discovery
     * refuses to guess between several.
     *
     * @return {@code true} if this allocator may serve as the default; {@code false} by default
     */
    default boolean isDefault() {
        return false;
    }

    /**
     * Every configuration key {@link #create} reads. A key ending in {@code .*} stands for every
     * key with that prefix (the counting allocator passes {@code delegate.*} on). Discovery
     * ({@code Allocators.create}, the default allocator) refuses a key not listed here, naming the
     * known ones and the closest match, so a typo never goes unnoticed.
     *
     * @return the keys {@link #create} reads
     */
    Set<String> configKeys();

    /**
     * Creates a new allocator.
     *
     * @param config settings; bad values throw {@link IllegalArgumentException} naming the key
     *               (discovery has already refused unknown keys, see {@link #configKeys()})
     * @return a new, open allocator
     */
    Allocator create(AllocatorConfig config);
}
