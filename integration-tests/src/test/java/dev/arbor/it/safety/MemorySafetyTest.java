package dev.arbor.it.safety;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.it.support.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Public call sequences that must neither crash the JVM nor read released memory, each run in
 * a child JVM ({@link MisuseScenarios}) so that a crash fails the test with its output and seed.
 * Replay one by hand: {@code java --enable-native-access=ALL-UNNAMED -cp <test class path>
 * dev.arbor.it.safety.MisuseScenarios <scenario> <seed> <args>}.
 */
class MemorySafetyTest {
    private static final long SEED = Long.getLong("arbor.safety.seed", 20261207L);

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("sharedReadersDuringReset", List.of("RETAIN_CAPACITY", "close")),
                Arguments.of("sharedReadersDuringReset", List.of("RETAIN_CAPACITY", "reset")),
                Arguments.of("sharedReadersDuringReset", List.of("FREE_ALL", "close")),
                Arguments.of("confinedValueReadElsewhere", List.of("reset")),
                Arguments.of("confinedValueReadElsewhere", List.of("close")),
                Arguments.of("copierAfterTargetEnds", List.of("map", "reset")),
                Arguments.of("copierAfterTargetEnds", List.of("map", "close")),
                Arguments.of("copierAfterTargetEnds", List.of("vector", "reset")),
                Arguments.of("copierAfterTargetEnds", List.of("vector", "close")),
                Arguments.of("largeSegmentAfterFree", List.of("confined")),
                Arguments.of("largeSegmentAfterFree", List.of("shared")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void endsWithTheRightAnswersOrTheDocumentedExceptions(String scenario, List<String> args) {
        String[] all = Stream.concat(Stream.of(scenario, Long.toString(SEED)), args.stream()).toArray(String[]::new);
        ChildJvm.Result result = ChildJvm.run(Duration.ofMinutes(2), List.of("-Xmx1g"), MisuseScenarios.class, all);
        assertTrue(result.succeeded(), () -> "scenario " + String.join(" ", all) + " exited with " + result.exitCode()
                + " (replay with those arguments); it printed:\n" + result.output());
    }
}
