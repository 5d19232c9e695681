package dev.arbor.benchmarks.collections;

import java.util.HashMap;
import java.util.Map;

/** The {@code java.util} model the map benchmarks' tests compare with. */
public final class LongMapModel {
    private LongMapModel() {
    }

    /** A mutable {@link HashMap} of the data's keys and values: the map every library loads. */
    public static Map<Long, Long> of(LongMapData d) {
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < d.keys.length; i++) {
            m.put(d.keys[i], d.values[i]);
        }
        return m;
    }
}
