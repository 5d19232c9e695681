package dev.arbor.it.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.stream.Stream;

/**
 * The module table of design.md as ArchUnit rules: who may depend on whom, and the one class that
 * may touch raw native memory.
 *
 * <p>Rules name production packages ({@code dev.arbor.api..} and so on) and therefore also apply
 * to any class in a subpackage. The tests prove each rule rejects a violation with fixture
 * classes in test-only subpackages ({@code dev.arbor.<module>.archfixture}), which the production
 * import leaves out ({@code ImportOption.DoNotIncludeTests}). Every rule allows an empty
 * selection, so a rule can be checked against a handful of fixtures; {@link ArchitectureTest}
 * checks separately that the production import holds every module.
 */
public final class ArborArchitecture {
    /** The JDK: the only outside code {@code api} may see. */
    static final String[] JDK = {"java..", "javax..", "jdk..", "sun.misc.."};
    static final String API = "dev.arbor.api..";
    static final String COLLECTIONS = "dev.arbor.collections..";
    static final String GUICE = "dev.arbor.guice..";
    /** Guice's own packages and the standard annotations it reads. */
    static final String[] GUICE_LIBRARY = {"com.google.inject..", "jakarta.inject.."};
    static final String MICROMETER = "dev.arbor.micrometer..";
    /** Micrometer's packages. */
    static final String[] MICROMETER_LIBRARY = {"io.micrometer.."};
    static final String JUNIT = "dev.arbor.junit..";
    static final String COUNTING = "dev.arbor.counting..";
    /** JUnit Jupiter's API and the assertion failures it reports. */
    static final String[] JUNIT_LIBRARY = {"org.junit.jupiter.api..", "org.junit.platform.commons..", "org.opentest4j.."};
    /** Every allocator plugin's package; a new plugin is added here. */
    static final List<String> PLUGINS = List.of("dev.arbor.gc..", "dev.arbor.arena..", "dev.arbor.counting..", "dev.arbor.debug..");

    /** {@code api} depends on the JDK only: no other Arbor module, no library. */
    public static final ArchRule API_DEPENDS_ON_JDK_ONLY = classes()
            .that().resideInAPackage(API)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, new String[] {API}))
            .because("api is the SPI every module builds on; it must not drag in anything (design.md, module table)")
            .allowEmptyShould(true);

    /** No plugin depends on another plugin: each one works alone on the classpath. */
    public static final ArchRule NO_PLUGIN_DEPENDS_ON_ANOTHER_PLUGIN = pluginsIndependent();

    /** A plugin depends on {@code api} and the JDK only (the design's "may depend on" column). */
    public static final ArchRule PLUGINS_DEPEND_ONLY_ON_API = classes()
            .that().resideInAnyPackage(PLUGINS.toArray(String[]::new))
            // Plugin packages are allowed targets so each plugin may use its own classes;
            // NO_PLUGIN_DEPENDS_ON_ANOTHER_PLUGIN catches one plugin using another.
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, new String[] {API}, PLUGINS.toArray(String[]::new)))
            .because("a plugin is found by ServiceLoader and must work with api alone (design.md, module table)")
            .allowEmptyShould(true);

    /** {@code collections} depends on {@code api} and the JDK only, never on a plugin. */
    public static final ArchRule COLLECTIONS_DEPEND_ONLY_ON_API = classes()
            .that().resideInAPackage(COLLECTIONS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, new String[] {API, COLLECTIONS}))
            .because("collections allocate through the routing heap, whatever plugins are on the classpath")
            .allowEmptyShould(true);

    /** {@code guice} depends on {@code api}, Guice and the JDK only. */
    public static final ArchRule GUICE_DEPENDS_ON_API_AND_GUICE_ONLY = classes()
            .that().resideInAPackage(GUICE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, GUICE_LIBRARY, new String[] {API, GUICE}))
            .because("the Guice module finds plugins through the catalog, never by their classes")
            .allowEmptyShould(true);

    /** {@code micrometer} depends on {@code api}, Micrometer and the JDK only. */
    public static final ArchRule MICROMETER_DEPENDS_ON_API_AND_MICROMETER_ONLY = classes()
            .that().resideInAPackage(MICROMETER)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, MICROMETER_LIBRARY, new String[] {API, MICROMETER}))
            .because("the metrics read what every allocator reports through api, whatever plugins are on the classpath")
            .allowEmptyShould(true);

    /**
     * {@code junit} depends on {@code api}, the counting allocator (which it puts in front of a
     * test's allocator), JUnit Jupiter's API and the JDK only.
     */
    public static final ArchRule JUNIT_DEPENDS_ON_API_COUNTING_AND_JUNIT_ONLY = classes()
            .that().resideInAPackage(JUNIT)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, JUNIT_LIBRARY, new String[] {API, COUNTING, JUNIT}))
            .because("the extension picks allocators by name through the catalog and counts through the counting allocator's API")
            .allowEmptyShould(true);

    /**
     * Raw native access in one place: only {@link NativeMemory} may widen a segment with
     * {@code MemorySegment.reinterpret}, use {@link Linker} or {@code sun.misc.Unsafe}.
     */
    public static final ArchRule RAW_NATIVE_ACCESS_ONLY_IN_NATIVE_MEMORY = noClasses()
            .that(not(belongToAnyOf(NativeMemory.class)))
            .should().accessTargetWhere(reinterpret())
            .orShould().dependOnClassesThat().belongToAnyOf(Linker.class)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("sun.misc.Unsafe")
            .because("every read and write of raw memory goes through NativeMemory, which debug mode checks")
            .allowEmptyShould(true);

    /**
     * The raw-address path stays out of users' reach: a class implementing {@link NativeAllocator}
     * is not public, so its {@code freeAddress} (which could free a block the system has handed
     * out again at the same address) cannot be called through it; users reach it through a public
     * interface ({@code ArenaAllocator}, ...) that does not have those methods.
     */
    public static final ArchRule NATIVE_ALLOCATORS_ARE_NOT_PUBLIC = noClasses()
            .that().implement(NativeAllocator.class)
            .should().bePublic()
            .because("a raw address carries no lifetime: only Arbor's collections may free by address")
            .allowEmptyShould(true);

    private ArborArchitecture() {
    }

    private static ArchRule pluginsIndependent() {
        CompositeArchRule rule = null;
        for (String plugin : PLUGINS) {
            String[] others = PLUGINS.stream().filter(p -> !p.equals(plugin)).toArray(String[]::new);
            ArchRule one = noClasses()
                    .that().resideInAPackage(plugin)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("plugins are chosen independently by ServiceLoader")
                    .allowEmptyShould(true);
            rule = rule == null ? CompositeArchRule.of(one) : rule.and(one);
        }
        return rule;
    }

    private static DescribedPredicate<JavaAccess<?>> reinterpret() {
        return DescribedPredicate.describe("MemorySegment.reinterpret(..)",
                access -> access.getName().equals("reinterpret") && access.getTargetOwner().isAssignableTo(MemorySegment.class));
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }
}
