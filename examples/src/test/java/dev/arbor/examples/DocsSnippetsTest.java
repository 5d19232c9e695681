package dev.arbor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.examples.docs.AllocatorsPage;
import dev.arbor.examples.docs.CollectionsPage;
import dev.arbor.examples.docs.MemorySafetyPage;
import dev.arbor.examples.quickstart.ArenaQuickStart;
import dev.arbor.examples.quickstart.DebugQuickStart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of the README and of {@code docs/} shows its imports and is, line for line
 * (indentation aside), a contiguous part of a source under {@code examples/src} that has those
 * imports, so a snippet compiles because its file does. The snippets' sources run here too, and
 * do what the snippets' comments say.
 */
class DocsSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSnippetShowsItsImportsAndIsPartOfACompiledSource() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<List<String>> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("examples/src"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.add(Files.readString(f).lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
            }
        }
        int snippets = 0;
        for (Path page : pages) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(page));
            while (m.find()) {
                snippets++;
                List<String> lines = m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
                List<String> imports = lines.stream().filter(l -> l.startsWith("import ")).toList();
                List<String> body = lines.stream().filter(l -> !l.startsWith("import ")).toList();
                String where = ROOT.relativize(page) + ", snippet:\n" + m.group(1);
                assertFalse(imports.isEmpty(), "a snippet shows its imports: " + where);
                assertTrue(sources.stream().anyMatch(src -> src.containsAll(imports) && Collections.indexOfSubList(src, body) >= 0),
                        "no source under examples/src holds this snippet with its imports: " + where);
            }
        }
        assertTrue(snippets >= 7, "found " + snippets + " snippets");
    }

    @Test
    void theArenaQuickStartPrintsWhatItsCommentsSay() {
        String out = run(() -> ArenaQuickStart.main(new String[0]));
        assertEquals(List.of("1000000", "100000 4000000"), out.lines().toList());
    }

    @Test
    void theDebugQuickStartReportsTheDoubleFreeWithItsSites() {
        String out = run(() -> DebugQuickStart.main(new String[0]));
        assertTrue(out.contains("freed") && out.contains("DebugQuickStart.main"), out);
    }

    @Test
    void theCollectionsPageSnippetsGiveWhatTheirCommentsSay() {
        Object[] tour = CollectionsPage.tour();
        assertEquals(List.of("a", "b", "c"), tour[0]);
        assertEquals(10L, tour[1]);
        PersistentMap<?, ?> rest = (PersistentMap<?, ?>) tour[4];
        assertEquals(997, rest.size());
        assertEquals(Map.of(1L, 10L, 2L, 20L), tour[5]);
        assertEquals(961, CollectionsPage.copyOut());
    }

    @Test
    void theMemorySafetyPageSnippetReadsOnAnotherThreadAndKeepsTheCopy() {
        String out = run(() -> {
            try {
                MemorySafetyPage.sharedArena();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(List.of("16", "16"), out.lines().toList());
    }

    @Test
    void theAllocatorsPageSnippetsMakeWhatTheySay() {
        List<Allocator> made = AllocatorsPage.gettingOne();
        try {
            assertEquals("arena", made.get(0).name());
            assertTrue(made.get(3).isNative());
            assertTrue(Allocators.isDefault(made.get(4)));
            assertThrows(UnsupportedOperationException.class, made.get(4)::close);
        } finally {
            for (Allocator a : made.subList(0, 4)) {
                a.close();
            }
        }
        try (Allocator functional = AllocatorsPage.fromFunctions()) {
            assertEquals(16, functional.allocate(16, 8, dev.arbor.api.BlockKind.NOREFS).byteSize());
        }
        String out = run(() -> assertTrue(AllocatorsPage.everyAllocationFailingInTurn() > 0, "a refused allocation"));
        assertEquals("[1, 2, 3, 4]", out.strip());
        javax.management.ObjectName mbean = AllocatorsPage.jmx();
        assertEquals("Allocator", mbean.getKeyProperty("type"));
        assertFalse(java.lang.management.ManagementFactory.getPlatformMBeanServer().isRegistered(mbean), "unregistered at close");
        try (ArenaAllocator arena = ArenaAllocator.create()) {
            assertSame(arena, AllocatorsPage.scoped(arena));
            assertNotSame(arena, dev.arbor.api.scope.CurrentAllocator.get());
        }
    }

    @Test
    void theGuiceSnippetInjectsASharedArenaConfiguredByTheHostAndClosesIt() {
        Allocator scratch = dev.arbor.examples.docs.GuicePage.injectFromHostProperties();
        ArenaAllocator arena = (ArenaAllocator) scratch;
        assertEquals(4L << 20, arena.chunkSize());
        assertTrue(arena.isShared());
        assertFalse(arena.isOpen(), "closed with the injector's allocators");
    }

    private static String run(Runnable main) {
        PrintStream previous = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(previous);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
