package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every library's unions in the union benchmark hold what a union must. */
class UnionBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "arborEntries", "scala"})
    void everyUnionHoldsBothMapsWithTheArgumentsValues(String lib) {
        UnionBenchmark b = new UnionBenchmark();
        b.size = 3000;
        b.lib = lib;
        b.setUp();
        LongMapData d = new LongMapData(3000, 42);
        LongMapData other = new LongMapData(3000, 43);
        Object updated = b.withUpdated();
        assertEquals(3000, b.sizeOf(updated));
        assertEquals(d.values[0] + 1, b.valueOf(updated, d.keys[0]), "the argument's value wins");
        assertEquals(d.values[2999], b.valueOf(updated, d.keys[2999]));
        Object small = b.withSmall();
        assertEquals(3030, b.sizeOf(small));
        assertEquals(other.values[29], b.valueOf(small, other.keys[29]));
        Object disjoint = b.withDisjoint();
        assertEquals(6000, b.sizeOf(disjoint));
        assertEquals(other.values[2999], b.valueOf(disjoint, other.keys[2999]));
        assertEquals(d.values[1500], b.valueOf(disjoint, d.keys[1500]));
    }
}
