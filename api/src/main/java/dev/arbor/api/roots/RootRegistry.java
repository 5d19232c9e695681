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

    /** A table was created. */
    default void register(RootTable table) {
    }

    /** A table was closed; its roots are released. */
    default void unregister(RootTable table) {
    }

    /** How many objects the tables of the allocator named {@code ownerName} keep reachable. */
    default long pinnedBy(String ownerName) {
        return 0;
    }

    /** How many objects every registered table keeps reachable. */
    default long pinnedTotal() {
        return 0;
    }

    /** How many tables are registered. */
    default int tableCount() {
        return 0;
    }
}
