package dev.arbor.api.roots;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link RootRegistry} on the classpath once; {@link RootRegistry#NOOP} if none. */
public final class RootRegistries {
    private static volatile RootRegistry registry;

    private RootRegistries() {
    }

    /**
     * The registry every native allocator registers its root table with.
     *
     * @return the registry a plugin provides, or {@link RootRegistry#NOOP} if none does; the same at every call
     * @throws IllegalStateException if several plugins provide one (the message names them)
     */
    public static RootRegistry registry() {
        RootRegistry r = registry;
        if (r == null) {
            synchronized (RootRegistries.class) {
                r = registry;
                if (r == null) {
                    List<RootRegistry> found = new ArrayList<>();
                    ServiceLoader.load(RootRegistry.class, RootRegistries.class.getClassLoader()).forEach(found::add);
                    if (found.size() > 1) {
                        throw new IllegalStateException("several root registries on the classpath: "
                                + found.stream().map(x -> x.getClass().getName()).toList() + "; keep one");
                    }
                    r = found.isEmpty() ? RootRegistry.NOOP : found.getFirst();
                    registry = r;
                }
            }
        }
        return r;
    }
}
