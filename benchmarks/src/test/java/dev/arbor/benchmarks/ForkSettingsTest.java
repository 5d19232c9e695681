package dev.arbor.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

/**
 * Every benchmark fork that fixes its heap size also touches the whole heap at start
 * ({@code -XX:+AlwaysPreTouch}): otherwise a fork whose heap lands on memory the machine has not
 * touched yet allocates several times slower for its first seconds, and a table's ratios move with
 * the order of its forks.
 */
class ForkSettingsTest {
    @Test
    void everyForkWithAFixedHeapPreTouchesIt() throws IOException, ClassNotFoundException {
        List<String> missing = new ArrayList<>();
        int forks = 0;
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = sources.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
                Fork fork = Class.forName(name).getAnnotation(Fork.class);
                if (fork == null) {
                    continue;
                }
                forks++;
                List<String> args = List.of(fork.jvmArgs());
                boolean fixedHeap = args.stream().anyMatch(a -> a.startsWith("-Xms"));
                if (fixedHeap && !args.contains("-XX:+AlwaysPreTouch")) {
                    missing.add(name);
                }
            }
        }
        assertTrue(forks > 10, "found " + forks + " @Fork benchmarks");
        assertTrue(missing.isEmpty(), "forks with a fixed heap that do not pre-touch it: " + missing);
    }
}
