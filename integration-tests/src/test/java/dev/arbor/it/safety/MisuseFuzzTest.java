package dev.arbor.it.safety;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.it.support.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The misuse fuzzer: seeded random programs over the public API ({@link FuzzProgram}), each in a
 * child JVM so that a crash is a failing test that names its seed.
 *
 * <ul>
 *   <li>{@code -Darbor.fuzz.programs=N} (default 240) programs of {@code -Darbor.fuzz.steps=N}
 *       (default 200) steps, seeds from {@code -Darbor.fuzz.baseSeed=N} (default 1), eight
 *       programs per child JVM;</li>
 *   <li>{@code -Darbor.fuzz.seed=N} replays the one program with that seed.</li>
 * </ul>
 * Run only the fuzzer, longer: {@code scripts/test.sh -pl integration-tests -am -Dtest=MisuseFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Darbor.fuzz.programs=2000}.
 */
class MisuseFuzzTest {
    private static final int PER_CHILD = 8;

    @TestFactory
    List<DynamicTest> programsEndWithTheRightAnswersOrTheDocumentedExceptions() {
        int steps = Integer.getInteger("arbor.fuzz.steps", 200);
        Long replay = Long.getLong("arbor.fuzz.seed");
        long base = replay != null ? replay : Long.getLong("arbor.fuzz.baseSeed", 1);
        int programs = replay != null ? 1 : Integer.getInteger("arbor.fuzz.programs", 240);
        List<DynamicTest> children = new ArrayList<>();
        for (long first = base; first < base + programs; first += PER_CHILD) {
            long from = first;
            int count = (int) Math.min(PER_CHILD, base + programs - first);
            children.add(DynamicTest.dynamicTest("seeds " + from + ".." + (from + count - 1), () -> {
                ChildJvm.Result r = ChildJvm.run(Duration.ofMinutes(5), List.of("-Xmx512m", "-Darbor.fuzz.child=true"),
                        FuzzMain.class, Long.toString(from), Integer.toString(count), Integer.toString(steps));
                assertTrue(r.succeeded(), () -> "fuzz programs " + from + ".." + (from + count - 1) + " exited with "
                        + r.exitCode() + "; the last 'program seed' line names the failing one (replay it with "
                        + "-Darbor.fuzz.seed=N -Darbor.fuzz.steps=" + steps + "):\n" + r.output());
                System.out.println(r.output().lines().filter(l -> l.startsWith("OK")).findFirst().orElse(""));
            }));
        }
        return children;
    }
}
