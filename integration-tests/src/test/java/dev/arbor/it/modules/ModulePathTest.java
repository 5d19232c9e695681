package dev.arbor.it.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.it.support.ChildJvm;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Arbor on the module path, as the README tells module users to run it: the library modules on
 * {@code --module-path}, native access granted to {@code dev.arbor.api} alone, and
 * {@code --illegal-native-access=deny} so a restricted call from any other module fails.
 */
class ModulePathTest {
    private static final List<String> MODULES = List.of("dev.arbor.api", "dev.arbor.gc", "dev.arbor.arena",
            "dev.arbor.counting", "dev.arbor.debug", "dev.arbor.collections");

    @Test
    void theLibraryModulesDescribeTheirSurface() {
        Map<String, ModuleReference> modules = arborModules();
        assertTrue(modules.keySet().containsAll(MODULES), "module descriptors found: " + modules.keySet());
        ModuleDescriptor api = modules.get("dev.arbor.api").descriptor();
        for (ModuleDescriptor.Exports e : api.exports()) {
            if (e.source().equals("dev.arbor.api.memory")) {
                assertTrue(e.isQualified(), "raw native access must be exported to Arbor's modules only");
                assertFalse(e.targets().contains("dev.arbor.guice"));
            }
        }
        assertTrue(api.uses().contains("dev.arbor.api.AllocatorProvider"));
        assertTrue(modules.get("dev.arbor.collections").descriptor().exports().stream()
                .noneMatch(e -> e.source().equals("dev.arbor.collections.node")), "node formats stay internal");
        for (String plugin : List.of("dev.arbor.gc", "dev.arbor.arena", "dev.arbor.counting", "dev.arbor.debug")) {
            assertTrue(modules.get(plugin).descriptor().provides().stream()
                    .anyMatch(p -> p.service().equals("dev.arbor.api.AllocatorProvider")), plugin + " provides no allocator");
        }
    }

    @Test
    void aProgramUsesArborFromTheModulePathWithNativeAccessForDevArborApiOnly() throws URISyntaxException {
        List<String> modulePath = new ArrayList<>();
        arborModules().forEach((name, ref) -> {
            if (MODULES.contains(name)) {
                modulePath.add(Path.of(ref.location().orElseThrow()).toString());
            }
        });
        String programDir = Path.of(ModulePathMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ChildJvm.Result result = ChildJvm.runJava(Duration.ofMinutes(1), List.of(
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", String.join(",", MODULES),
                "--enable-native-access=dev.arbor.api", "--illegal-native-access=deny",
                "-cp", programDir, ModulePathMain.class.getName()));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("OK", result.output().strip(), "the program printed warnings or more: " + result.output());
    }

    /** Arbor's named modules on this JVM's class path (jars or class directories), by name. */
    private static Map<String, ModuleReference> arborModules() {
        Map<String, ModuleReference> found = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!p.toFile().exists()) {
                continue;
            }
            try {
                for (ModuleReference ref : ModuleFinder.of(p).findAll()) {
                    ModuleDescriptor d = ref.descriptor();
                    if (!d.isAutomatic() && d.name().startsWith("dev.arbor.")) {
                        found.put(d.name(), ref);
                    }
                }
            } catch (RuntimeException notAModule) {
                // A class-path entry that is no module (a test-classes directory): not ours.
            }
        }
        return found;
    }
}
