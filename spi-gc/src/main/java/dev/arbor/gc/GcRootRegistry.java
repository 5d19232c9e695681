package dev.arbor.gc;

import dev.arbor.api.roots.RootRegistry;
import dev.arbor.api.roots.RootTable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The root registry of the process when {@code arbor-spi-gc} is on the classpath (found by
 * {@link dev.arbor.api.roots.RootRegistries#registry()}): it knows every open {@link RootTable}
 * and tells how many JVM objects each allocator keeps reachable.
 *
 * <p>The tables keep their objects reachable themselves; this registry only accounts. It holds a
 * table strongly while it is registered: a native allocator unregisters its table when it closes
 * ({@link RootTable#close()} does it), so an allocator that is never closed stays visible here,
 * which is what a leak report needs. Thread-safe; {@link #register} and {@link #unregister} never
 * throw.
 */
public final class GcRootRegistry implements RootRegistry {
    private final Set<RootTable> tables = ConcurrentHashMap.newKeySet();

    /** Called by {@link java.util.ServiceLoader}; tests may make private instances. */
    public GcRootRegistry() {
    }

    @Override
    public void register(RootTable table) {
        // Called from RootTable's constructor: a null check is all we do, and we never throw.
        if (table != null) {
            tables.add(table);
        }
    }

    @Override
    public void unregister(RootTable table) {
        if (table != null) {
            tables.remove(table);
        }
    }

    @Override
    public long pinnedBy(String ownerName) {
        long sum = 0;
        for (RootTable t : tables) {
            if (t.ownerName().equals(ownerName)) {
                sum += t.size();
            }
        }
        return sum;
    }

    @Override
    public long pinnedTotal() {
        long sum = 0;
        for (RootTable t : tables) {
            sum += t.size();
        }
        return sum;
    }

    @Override
    public int tableCount() {
        return tables.size();
    }

    /** {@return the pinned objects per owner name, sorted by name (owners without open tables are absent)} */
    public Map<String, Long> pinnedByOwner() {
        Map<String, Long> byOwner = new TreeMap<>();
        for (RootTable t : tables) {
            byOwner.merge(t.ownerName(), t.size(), Long::sum);
        }
        return byOwner;
    }

    @Override
    public String toString() {
        return "GcRootRegistry[" + tableCount() + " tables, pinned " + pinnedByOwner() + "]";
    }
}
