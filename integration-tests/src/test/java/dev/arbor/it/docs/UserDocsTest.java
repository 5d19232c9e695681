package dev.arbor.it.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README, {@code docs/} and the javadoc and comments of the library's sources speak to users
 * about the product as it is: no work-diary words (sessions, issue numbers, commit hashes, the
 * design notes users never see), and every relative link of the pages leads to a file.
 */
class UserDocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> LIBRARY = List.of("api", "spi-gc", "spi-arena", "spi-counting", "spi-debug",
            "collections", "guice", "micrometer", "junit", "examples");
    private static final Pattern HISTORY = Pattern.compile(
            "(?i)\\bsessions?\\b(?! *\\(| *=)|\\bissue #?\\d+|\\bcommit [0-9a-f]{7,40}\\b|`[0-9a-f]{7,40}`|\\bthe seed's\\b|\\bthe seed\\b(?! (of|is|printed|that))");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void pagesAndLibrarySourcesCarryNoHistory() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : userFacingFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = HISTORY.matcher(lines.get(i));
                if (m.find()) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": '" + m.group() + "' in: " + lines.get(i).strip());
                }
            }
        }
        assertTrue(found.isEmpty(), "history belongs in git, not in what users read:\n" + String.join("\n", found));
    }

    @Test
    void everyRelativeLinkOfThePagesLeadsToAFile() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                if (!Files.exists(page.getParent().resolve(target))) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static List<Path> userFacingFiles() throws IOException {
        List<Path> files = new ArrayList<>(pages());
        for (String module : LIBRARY) {
            try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main"))) {
                sources.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
