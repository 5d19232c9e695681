package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every library's differences and intersections in the benchmark hold what they must. */
class SetFilterBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "arborEntries", "scala"})
    void everyResultHoldsWhatTheArgumentLacksOrHolds(String lib) {
        SetFilterBenchmark b = new SetFilterBenchmark();
        b.size = 3000;
        b.lib = lib;
        b.setUp();
        LongMapData d = new LongMapData(3000, 42);
        Object derived = b.withoutDerived();
        assertEquals(30, b.sizeOf(derived), "the few elements removed from the argument");
        assertTrue(b.holds(derived, d.keys[0]));
        assertFalse(b.holds(derived, d.keys[30]));
        Object small = b.withoutSmall();
        assertEquals(2970, b.sizeOf(small));
        assertFalse(b.holds(small, d.keys[2999]));
        assertTrue(b.holds(small, d.keys[0]));
        Object disjoint = b.withoutDisjoint();
        assertEquals(3000, b.sizeOf(disjoint));
        assertTrue(b.holds(disjoint, d.keys[1500]));
        Object both = b.intersectDerived();
        assertEquals(2970, b.sizeOf(both), "all but the few elements removed from the argument");
        assertFalse(b.holds(both, d.keys[0]));
        assertTrue(b.holds(both, d.keys[30]));
        Object few = b.intersectSmall();
        assertEquals(30, b.sizeOf(few));
        assertTrue(b.holds(few, d.keys[2999]));
        assertFalse(b.holds(few, d.keys[0]));
        assertEquals(0, b.sizeOf(b.intersectDisjoint()));
    }
}
