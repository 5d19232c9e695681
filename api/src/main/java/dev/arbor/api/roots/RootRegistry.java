package dev.arbor.api.roots;

/**
 * The root-registration hook: native allocators register their {@link RootTable}s here, so the
 * process can tell how many JVM objects each allocator keeps reachable. A plugin provides it with
 * {@link java.util.ServiceLoader} ({@code arbor-spi-gc} does); without one, {@link #NOOP} is used
 * and roots still work, since the tables hold their objects themselves. Implementations are
 * thread-safe and never throw from {@code register}/{@code unregister}.
 */
public interface RootRegistry {
    /** Accounts for nothing. */
    RootRegistry NOOP = new RootRegistry() {
    };

    /**
     * A table was created. The default does nothing.
     *
     * @param table the new table
     */
    default void register(RootTable table) {
    }

    /**
     * A table was closed; its roots are released. The default does nothing.
     *
     * @param table the closed table
     */
    default void unregister(RootTable table) {
    }

    /**
     * How many objects the tables of the allocator named {@code ownerName} keep reachable.
     *
     * @param ownerName the allocator's name
     * @return the count over its registered tables; the default returns {@code 0}
     */
    default long pinnedBy(String ownerName) {
        return 0;
    }

    /**
     * How many objects every registered table keeps reachable.
     *
     * @return the count over every registered table; the default returns {@code 0}
     */
    default long pinnedTotal() {
        return 0;
    }

    /**
     * How many tables are registered.
     *
     * @return the number of registered tables; the default returns {@code 0}
     */
    default int tableCount() {
        return 0;
    }
}
