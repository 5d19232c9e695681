package dev.arbor.benchmarks.nativeformat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.collections.champ.PersistentMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both ways of joining give the union of the two maps. */
class NativeUnionBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"structure", "entries"})
    void everyUnionHoldsBothMaps(String join) {
        NativeUnionBenchmark b = new NativeUnionBenchmark();
        b.size = 3000;
        b.join = join;
        b.makeData();
        b.open();
        try {
            Map<Long, Long> expected = new HashMap<>(b.managed);
            expected.putAll(b.updated);
            PersistentMap<Long, Long> withUpdated = b.managedWithUpdated();
            assertEquals(expected, withUpdated);
            assertEquals(b.data.values[0] + 1, withUpdated.getLong(b.data.keys[0]), "the argument's values win");
            Map<Long, Long> both = new HashMap<>(b.nativeMap);
            both.putAll(b.smallApart);
            assertEquals(3000 + 30, both.size());
            assertEquals(both, b.nativeWithSmallApart());
        } finally {
            b.close();
        }
    }
}
