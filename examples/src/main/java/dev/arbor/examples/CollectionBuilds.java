package dev.arbor.examples;

import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.collections.vector.TransientVector;
import java.util.List;
import java.util.function.Supplier;

/**
 * The collection builds the example measures: small ones (a vector of 5, a map of 3, a set of 3)
 * and two larger transient builds of unboxed longs.
 */
final class CollectionBuilds {
    static final int LARGE = 100_000;

    /** One build: a name and the code that makes the collection (its size is the check). */
    record Build(String name, Supplier<java.util.Collection<?>> make) {
    }

    private CollectionBuilds() {
    }

    static List<Build> all() {
        return List.of(
                new Build("vector of 5", () -> PersistentVector.of(1, 2, 3, 4, 5)),
                new Build("map of 3", () -> PersistentMap.of("x", 1, "y", 2, "z", 3).entrySet()),
                new Build("set of 3", () -> PersistentSet.of("a", "b", "c")),
                new Build("vector of " + LARGE + " longs (transient)", CollectionBuilds::longVector),
                new Build("map of " + LARGE + " long->long (transient)", CollectionBuilds::longMap));
    }

    private static java.util.Collection<?> longVector() {
        TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
        for (long i = 0; i < LARGE; i++) {
            t.appendLong(i);
        }
        return t.persistent();
    }

    private static java.util.Collection<?> longMap() {
        var t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        for (long i = 0; i < LARGE; i++) {
            t.putLong(i * 0x9E3779B97F4A7C15L, i);
        }
        return t.persistent().entrySet();
    }
}
