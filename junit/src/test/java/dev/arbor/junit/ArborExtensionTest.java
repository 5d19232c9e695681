package dev.arbor.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.arbor.api.Allocator;
import dev.arbor.debug.LeakDetectedException;
import dev.arbor.junit.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** The extension, run on fixture test classes through JUnit's EngineTestKit: what passes and what fails. */
class ArborExtensionTest {

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
    }

    @Test
    void allocatorsAreInjectedMadeCurrentAndClosedAfterEachTestNestedOnesToo() {
        Fixtures.SEEN.clear();
        run(Fixtures.Injection.class).assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        assertEquals(3, Fixtures.SEEN.size());
        for (Allocator a : Fixtures.SEEN) {
            assertFalse(a.isOpen(), a + " was left open");
        }
    }

    @Test
    void aTestOverItsBudgetFailsWithTheCountsAndTheOthersPass() {
        Events events = run(Fixtures.Budgets.class);
        events.assertStatistics(s -> s.started(4).succeeded(1).failed(3));
        events.assertThatEvents().haveExactly(1, event(test("overItsBudget"), finishedWithFailure(
                instanceOf(AssertionFailedError.class), message(m -> m.contains("allocated 5 blocks (500 bytes")
                        && m.contains("budget of 3 blocks and 1000 bytes")))));
        events.assertThatEvents().haveExactly(1, event(test("withinItsBudget"), finishedSuccessfully()));
        events.assertThatEvents().haveExactly(1, event(test("theDefaultIsCountedWhenNothingIsCurrent"), finishedWithFailure(
                message(m -> m.contains("allocated 1 blocks")))));
        events.assertThatEvents().haveExactly(1, event(test("anAssertionReturnsTheResult"), finishedWithFailure(
                message(m -> m.startsWith("the operation allocated 1 blocks") && m.contains("budget of 0 blocks")))));
    }

    @Test
    void leakChecksAreSwitchedPerClassNestedClassesIncludedAndPerMethod() {
        Events events = run(Fixtures.LeaksAllowed.class);
        events.assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        events.assertThatEvents().haveExactly(1, event(test("butNotThisOne"), finishedWithFailure(
                instanceOf(LeakDetectedException.class))));
    }

    @Test
    void theSameResultsWhenTheFixturesRunInParallel() {
        for (Class<?> fixture : new Class<?>[] {Fixtures.Injection.class, Fixtures.Budgets.class, Fixtures.Leaks.class}) {
            Events sequential = run(fixture);
            Events parallel = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .selectors(selectClass(fixture)).execute().testEvents();
            assertEquals(sequential.succeeded().count(), parallel.succeeded().count(), fixture.getSimpleName());
            assertEquals(sequential.failed().count(), parallel.failed().count(), fixture.getSimpleName());
        }
    }

    @Test
    void aTestThatLeavesDebugBlocksAllocatedFailsWithTheirSitesUnlessItOptsOut() {
        Events events = run(Fixtures.Leaks.class);
        events.assertStatistics(s -> s.started(4).succeeded(3).failed(1));
        events.assertThatEvents().haveExactly(1, event(test("leavesABlockAllocated"), finishedWithFailure(
                instanceOf(LeakDetectedException.class),
                message(m -> m.contains("48 bytes") && m.contains("Fixtures$Leaks.leavesABlockAllocated")))));
    }
}
