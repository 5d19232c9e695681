package dev.arbor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.arbor.guice.ArborModule;
import dev.arbor.guice.ManagedAllocators;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleAppTest {
    @Test
    void everyAllocatorRunsTheWorkloadToTheSameChecksum() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Injector injector = Guice.createInjector(new ArborModule());
        try (ManagedAllocators created = injector.getInstance(ManagedAllocators.class)) {
            injector.getInstance(ExampleApp.class).run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        List<String> runs = out.lines().filter(l -> l.contains(" scope ") || l.startsWith("default (no scope)")).toList();
        assertEquals(4, runs.size(), out);
        List<String> checksums = runs.stream().map(l -> l.substring(l.lastIndexOf('|') + 1).trim()).distinct().toList();
        assertEquals(1, checksums.size(), "the result must not depend on the allocator:\n" + out);
        for (String plugin : List.of("gc", "arena", "counting", "debug")) {
            assertTrue(out.contains("\n" + plugin + " "), "plugin " + plugin + " listed:\n" + out);
        }
        String blocks = String.format("%,d", Workload.RECORDS);
        assertTrue(runs.stream().allMatch(l -> l.contains("| " + blocks + " |")), "each run allocated one block per record:\n" + out);
        List<String> countedBuilds = CollectionBuilds.all().stream()
                .flatMap(b -> List.of("counting(gc)", "arena", "debug").stream()
                        .map(a -> out.lines().filter(l -> l.startsWith(b.name() + " ") && l.contains("| " + a + " ")).findFirst()
                                .orElseThrow(() -> new AssertionError("no row for " + b.name() + " under " + a + ":\n" + out))))
                .toList();
        for (String row : countedBuilds) {
            long nodes = Long.parseLong(row.split("\\|")[2].trim().replace(",", ""));
            assertTrue(nodes > 0, "the current allocator sees the nodes of every build: " + row);
        }
        assertTrue(out.contains("the copy after the reset: size 1000, 31 squared = 961"), out);
        assertTrue(out.contains("the arena's map after the reset: IllegalStateException"), out);
    }
}
