package dev.arbor.benchmarks.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every library's differences in the difference benchmark hold what a difference must. */
class DifferenceBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"arbor", "arborEntries", "scala"})
    void everyDifferenceHoldsTheElementsTheArgumentLacks(String lib) {
        DifferenceBenchmark b = new DifferenceBenchmark();
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
    }
}
