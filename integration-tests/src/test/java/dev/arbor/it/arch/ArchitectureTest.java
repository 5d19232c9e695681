package dev.arbor.it.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production classes of every module on the classpath keep the module table's rules. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProduction() {
        production = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.arbor");
    }

    @Test
    void theImportHoldsEveryModulesProductionClassesAndNoTestClasses() {
        // The rules allow empty selections (so fixtures can be checked alone); this is what
        // makes sure they check something here.
        for (String module : List.of("dev.arbor.api", "dev.arbor.gc", "dev.arbor.arena", "dev.arbor.counting",
                "dev.arbor.debug", "dev.arbor.guice", "dev.arbor.collections", "dev.arbor.micrometer", "dev.arbor.junit")) {
            assertTrue(production.containPackage(module), "no production classes of " + module + " were imported");
        }
        assertTrue(production.contain("dev.arbor.api.memory.NativeMemory"));
        assertTrue(production.stream().noneMatch(c -> c.getPackageName().startsWith("dev.arbor.it")
                || c.getPackageName().endsWith(".archfixture")), "test classes were imported as production classes");
    }

    @Test
    void apiDependsOnTheJdkOnly() {
        ArborArchitecture.API_DEPENDS_ON_JDK_ONLY.check(production);
    }

    @Test
    void noPluginDependsOnAnotherPlugin() {
        ArborArchitecture.NO_PLUGIN_DEPENDS_ON_ANOTHER_PLUGIN.check(production);
    }

    @Test
    void pluginsDependOnlyOnApi() {
        ArborArchitecture.PLUGINS_DEPEND_ONLY_ON_API.check(production);
    }

    @Test
    void collectionsDependOnlyOnApi() {
        ArborArchitecture.COLLECTIONS_DEPEND_ONLY_ON_API.check(production);
    }

    @Test
    void guiceDependsOnApiAndGuiceOnly() {
        ArborArchitecture.GUICE_DEPENDS_ON_API_AND_GUICE_ONLY.check(production);
    }

    @Test
    void micrometerDependsOnApiAndMicrometerOnly() {
        ArborArchitecture.MICROMETER_DEPENDS_ON_API_AND_MICROMETER_ONLY.check(production);
    }

    @Test
    void junitDependsOnApiCountingAndJunitOnly() {
        ArborArchitecture.JUNIT_DEPENDS_ON_API_COUNTING_AND_JUNIT_ONLY.check(production);
    }

    @Test
    void nativeAllocatorsAreNotPublic() {
        ArborArchitecture.NATIVE_ALLOCATORS_ARE_NOT_PUBLIC.check(production);
    }

    @Test
    void rawNativeAccessHappensOnlyInNativeMemory() {
        ArborArchitecture.RAW_NATIVE_ACCESS_ONLY_IN_NATIVE_MEMORY.check(production);
    }
}
