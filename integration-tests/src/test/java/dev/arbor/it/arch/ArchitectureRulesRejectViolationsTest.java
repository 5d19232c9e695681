package dev.arbor.it.arch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.arbor.api.archfixture.ApiUsesGuice;
import dev.arbor.api.archfixture.ApiUsesJdkOnly;
import dev.arbor.api.archfixture.ApiUsesPlugin;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.arena.archfixture.ArenaFixture;
import dev.arbor.arena.archfixture.ArenaReinterprets;
import dev.arbor.arena.archfixture.ArenaUsesLinker;
import dev.arbor.arena.archfixture.ArenaUsesNativeMemory;
import dev.arbor.arena.archfixture.PublicNativeAllocator;
import dev.arbor.collections.archfixture.CollectionsUseApiOnly;
import dev.arbor.collections.archfixture.CollectionsUsePlugin;
import dev.arbor.gc.archfixture.GcUsesApiOnly;
import dev.arbor.gc.archfixture.GcUsesArena;
import dev.arbor.gc.archfixture.GcUsesGuava;
import dev.arbor.guice.archfixture.GuiceUsesApiAndGuice;
import dev.arbor.guice.archfixture.GuiceUsesGuava;
import dev.arbor.guice.archfixture.GuiceUsesPlugin;
import dev.arbor.junit.archfixture.ExtensionUsesApiAndCounting;
import dev.arbor.junit.archfixture.ExtensionUsesArena;
import dev.arbor.micrometer.archfixture.MetricsUseApiAndMicrometer;
import dev.arbor.micrometer.archfixture.MetricsUsePlugin;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each architecture rule rejects a class that breaks it and accepts one that keeps it. The
 * fixtures live in test-only {@code archfixture} subpackages of the production packages, so the
 * very rule constants the production check uses are the ones tested here.
 */
class ArchitectureRulesRejectViolationsTest {
    private static JavaClasses classes(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    /** Asserts the rule flags exactly the violating fixtures and passes the compliant ones. */
    private static void assertRejects(ArchRule rule, JavaClasses imported, Class<?>... violators) {
        EvaluationResult result = rule.evaluate(imported);
        assertTrue(result.hasViolation(), "the rule should reject " + java.util.Arrays.toString(violators) + ": " + rule);
        String report = result.getFailureReport().toString();
        for (Class<?> violator : violators) {
            assertTrue(report.contains(violator.getName()), "the report should name " + violator.getName() + ":\n" + report);
        }
    }

    private static void assertAccepts(ArchRule rule, JavaClasses imported) {
        EvaluationResult result = rule.evaluate(imported);
        assertFalse(result.hasViolation(), "the rule should accept these classes:\n" + result.getFailureReport());
    }

    @Test
    void nativeAllocatorRuleRejectsAPublicImplementation() throws ClassNotFoundException {
        ArchRule rule = ArborArchitecture.NATIVE_ALLOCATORS_ARE_NOT_PUBLIC;
        Class<?> hidden = Class.forName("dev.arbor.arena.archfixture.HiddenNativeAllocator");

        assertRejects(rule, classes(PublicNativeAllocator.class, hidden), PublicNativeAllocator.class);
        assertAccepts(rule, classes(hidden, ArenaFixture.class));
    }

    @Test
    void apiRuleRejectsLibrariesAndPluginsAndAcceptsTheJdk() {
        ArchRule rule = ArborArchitecture.API_DEPENDS_ON_JDK_ONLY;

        assertRejects(rule, classes(ApiUsesGuice.class, ApiUsesPlugin.class, ApiUsesJdkOnly.class),
                ApiUsesGuice.class, ApiUsesPlugin.class);
        assertAccepts(rule, classes(ApiUsesJdkOnly.class));
    }

    @Test
    void pluginIndependenceRuleRejectsOnePluginUsingAnother() {
        ArchRule rule = ArborArchitecture.NO_PLUGIN_DEPENDS_ON_ANOTHER_PLUGIN;

        assertRejects(rule, classes(GcUsesArena.class, ArenaFixture.class), GcUsesArena.class);
        assertAccepts(rule, classes(GcUsesApiOnly.class, GcUsesGuava.class, ArenaFixture.class));
    }

    @Test
    void pluginsOnlyOnApiRuleRejectsALibraryAndAcceptsApi() {
        ArchRule rule = ArborArchitecture.PLUGINS_DEPEND_ONLY_ON_API;

        assertRejects(rule, classes(GcUsesGuava.class, GcUsesApiOnly.class), GcUsesGuava.class);
        assertAccepts(rule, classes(GcUsesApiOnly.class, ArenaFixture.class));
    }

    @Test
    void collectionsRuleRejectsAPluginAndAcceptsApi() {
        ArchRule rule = ArborArchitecture.COLLECTIONS_DEPEND_ONLY_ON_API;

        assertRejects(rule, classes(CollectionsUsePlugin.class, CollectionsUseApiOnly.class), CollectionsUsePlugin.class);
        assertAccepts(rule, classes(CollectionsUseApiOnly.class));
    }

    @Test
    void micrometerRuleRejectsAPluginAndAcceptsApiAndMicrometer() {
        ArchRule rule = ArborArchitecture.MICROMETER_DEPENDS_ON_API_AND_MICROMETER_ONLY;

        assertRejects(rule, classes(MetricsUsePlugin.class, MetricsUseApiAndMicrometer.class), MetricsUsePlugin.class);
        assertAccepts(rule, classes(MetricsUseApiAndMicrometer.class));
    }

    @Test
    void junitRuleRejectsAPluginOtherThanCountingAndAcceptsApiCountingAndJunit() {
        ArchRule rule = ArborArchitecture.JUNIT_DEPENDS_ON_API_COUNTING_AND_JUNIT_ONLY;

        assertRejects(rule, classes(ExtensionUsesArena.class, ExtensionUsesApiAndCounting.class), ExtensionUsesArena.class);
        assertAccepts(rule, classes(ExtensionUsesApiAndCounting.class));
    }

    @Test
    void guiceRuleRejectsPluginsAndGuavaAndAcceptsApiAndGuice() {
        ArchRule rule = ArborArchitecture.GUICE_DEPENDS_ON_API_AND_GUICE_ONLY;

        assertRejects(rule, classes(GuiceUsesPlugin.class, GuiceUsesGuava.class, GuiceUsesApiAndGuice.class),
                GuiceUsesPlugin.class, GuiceUsesGuava.class);
        assertAccepts(rule, classes(GuiceUsesApiAndGuice.class));
    }

    @Test
    void rawAccessRuleRejectsReinterpretAndLinkerOutsideNativeMemory() {
        ArchRule rule = ArborArchitecture.RAW_NATIVE_ACCESS_ONLY_IN_NATIVE_MEMORY;

        assertRejects(rule, classes(ArenaReinterprets.class, ArenaUsesLinker.class, ArenaUsesNativeMemory.class),
                ArenaReinterprets.class, ArenaUsesLinker.class);
        assertAccepts(rule, classes(NativeMemory.class, ArenaUsesNativeMemory.class));
    }

    @Test
    void rawAccessRuleRejectsUnsafeOutsideNativeMemory(@TempDir Path dir) throws IOException {
        // javac's "internal proprietary API" warning on sun.misc.Unsafe cannot be suppressed, and
        // the build must have no warnings; so this fixture is written as bytecode at test time.
        String name = "dev.arbor.arena.archfixture.ArenaUsesUnsafe";
        writeClassReadingTheUnsafe(dir, name);

        JavaClasses imported = new ClassFileImporter().importPath(dir);

        assertTrue(imported.contain(name), "the generated fixture was not imported");
        EvaluationResult result = ArborArchitecture.RAW_NATIVE_ACCESS_ONLY_IN_NATIVE_MEMORY.evaluate(imported);
        assertTrue(result.hasViolation());
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(name) && report.contains("sun.misc.Unsafe"), report);
    }

    /** {@code public final class <name> { static Unsafe unsafe() { return Unsafe.theUnsafe; } }} */
    private static void writeClassReadingTheUnsafe(Path dir, String name) throws IOException {
        ClassDesc self = ClassDesc.of(name);
        ClassDesc unsafe = ClassDesc.of("sun.misc.Unsafe");
        byte[] bytes = ClassFile.of().build(self, cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL)
                .withMethodBody("unsafe", MethodTypeDesc.of(unsafe), ClassFile.ACC_STATIC,
                        code -> code.getstatic(unsafe, "theUnsafe", unsafe).areturn()));
        Path file = dir.resolve(name.replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
