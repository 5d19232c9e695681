package dev.arbor.collections.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.MapInterfaceTest;
import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.SampleElements;
import com.google.common.collect.testing.SetTestSuiteBuilder;
import com.google.common.collect.testing.TestListGenerator;
import com.google.common.collect.testing.TestMapGenerator;
import com.google.common.collect.testing.TestSetGenerator;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.TestStringSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.PersistentSet;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import junit.framework.AssertionFailedError;
import junit.framework.Test;
import junit.framework.TestCase;
import junit.framework.TestFailure;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava's collection conformance suites ({@code guava-testlib}) against the persistent types and
 * their views, for heap values and for values built in a shared arena, with object and
 * {@code long} codecs; and {@link MapInterfaceTest}. Every {@code java.util} mutator must throw
 * {@link UnsupportedOperationException} (no mutation feature is declared). Each tester class of a
 * suite is one dynamic test; its failures are listed by test name.
 */
class GuavaConformanceTest {
    /** Values built "in the arena" live here until the class is done; shared, so any thread may read them. */
    private static final ArenaAllocator ARENA = ArenaAllocator.builder().shared(true).name("conformance").build();

    @AfterAll
    static void closeArena() {
        ARENA.close();
    }

    /** Builds in the arena when {@code inArena}, on the managed heap otherwise. */
    private static <T> T build(boolean inArena, Supplier<T> maker) {
        try (AllocatorScope scope = inArena ? CurrentAllocator.use(ARENA) : CurrentAllocator.useDefault()) {
            return maker.get();
        }
    }

    private static String where(boolean inArena) {
        return inArena ? "arena" : "heap";
    }

    @TestFactory
    Stream<DynamicTest> lists() {
        return Stream.of(false, true).flatMap(inArena -> Stream.concat(
                run(ListTestSuiteBuilder.using(new TestStringListGenerator() {
                            @Override
                            protected List<String> create(String[] elements) {
                                return build(inArena, () -> PersistentVector.copyOf(Arrays.asList(elements)));
                            }
                        })
                        .named("PersistentVector<String> " + where(inArena))
                        .withFeatures(CollectionSize.ANY, CollectionFeature.ALLOWS_NULL_VALUES, CollectionFeature.SERIALIZABLE)
                        .createTestSuite()),
                run(ListTestSuiteBuilder.using(new LongListGenerator(inArena))
                        .named("PersistentVector<Long> [Codec.LONG] " + where(inArena))
                        .withFeatures(CollectionSize.ANY, CollectionFeature.SERIALIZABLE)
                        .createTestSuite())));
    }

    @TestFactory
    Stream<DynamicTest> sets() {
        return Stream.of(false, true).flatMap(inArena -> Stream.concat(
                run(SetTestSuiteBuilder.using(new TestStringSetGenerator() {
                            @Override
                            protected Set<String> create(String[] elements) {
                                return build(inArena, () -> PersistentSet.copyOf(Arrays.asList(elements)));
                            }
                        })
                        .named("PersistentSet<String> " + where(inArena))
                        .withFeatures(CollectionSize.ANY, CollectionFeature.ALLOWS_NULL_VALUES, CollectionFeature.SERIALIZABLE)
                        .createTestSuite()),
                run(SetTestSuiteBuilder.using(new LongSetGenerator(inArena))
                        .named("PersistentSet<Long> [Codec.LONG] " + where(inArena))
                        .withFeatures(CollectionSize.ANY, CollectionFeature.SERIALIZABLE)
                        .createTestSuite())));
    }

    @TestFactory
    Stream<DynamicTest> maps() {
        return Stream.of(false, true).flatMap(inArena -> Stream.concat(
                run(MapTestSuiteBuilder.using(new TestStringMapGenerator() {
                            @Override
                            protected Map<String, String> create(Map.Entry<String, String>[] entries) {
                                return build(inArena, () -> {
                                    PersistentMap<String, String> m = PersistentMap.of();
                                    for (Map.Entry<String, String> e : entries) {
                                        m = m.plus(e.getKey(), e.getValue());
                                    }
                                    return m;
                                });
                            }
                        })
                        .named("PersistentMap<String, String> " + where(inArena))
                        .withFeatures(CollectionSize.ANY, MapFeature.ALLOWS_NULL_KEYS, MapFeature.ALLOWS_NULL_VALUES,
                                MapFeature.ALLOWS_ANY_NULL_QUERIES, CollectionFeature.SERIALIZABLE)
                        .createTestSuite()),
                run(MapTestSuiteBuilder.using(new LongMapGenerator(inArena))
                        .named("PersistentMap<Long, Long> [Codec.LONG] " + where(inArena))
                        .withFeatures(CollectionSize.ANY, CollectionFeature.SERIALIZABLE)
                        .createTestSuite())));
    }

    @TestFactory
    Stream<DynamicTest> mapInterface() {
        return run(new TestSuite(HeapMapInterfaceTest.class, "MapInterfaceTest heap"));
    }

    /** Guava's {@link MapInterfaceTest}: a read-only map whose every mutator throws. */
    public static final class HeapMapInterfaceTest extends MapInterfaceTest<Long, String> {
        public HeapMapInterfaceTest() {
            super(true, true, false, false, false, false);
        }

        @Override
        protected Map<Long, String> makeEmptyMap() {
            return PersistentMap.of();
        }

        @Override
        protected Map<Long, String> makePopulatedMap() {
            return PersistentMap.of(1L, "one", 2L, "two", 3L, "three");
        }

        @Override
        protected Long getKeyNotInPopulatedMap() {
            return 4L;
        }

        @Override
        protected String getValueNotInPopulatedMap() {
            return "four";
        }
    }

    // ---- running JUnit 3 suites as dynamic tests ----

    /** One dynamic test per tester class (the leaves' parent suites) of {@code suite}. */
    private static Stream<DynamicTest> run(TestSuite suite) {
        List<DynamicTest> tests = new ArrayList<>();
        collect(suite, suite.getName(), tests);
        assertTrue(!tests.isEmpty(), "suite " + suite.getName() + " is empty");
        return tests.stream();
    }

    private static void collect(TestSuite suite, String path, List<DynamicTest> out) {
        boolean leaves = false;
        for (Enumeration<Test> e = suite.tests(); e.hasMoreElements(); ) {
            Test t = e.nextElement();
            if (t instanceof TestSuite child) {
                collect(child, path + " / " + child.getName(), out);
            } else {
                leaves = true;
            }
        }
        if (leaves) {
            out.add(DynamicTest.dynamicTest(path + " [" + suite.countTestCases() + " tests]", () -> runLeaves(suite)));
        }
    }

    private static void runLeaves(TestSuite suite) {
        TestResult result = new TestResult();
        for (Enumeration<Test> e = suite.tests(); e.hasMoreElements(); ) {
            Test t = e.nextElement();
            if (!(t instanceof TestSuite)) {
                t.run(result);
            }
        }
        if (result.wasSuccessful()) {
            return;
        }
        StringBuilder report = new StringBuilder();
        List<TestFailure> failures = new ArrayList<>();
        result.errors().asIterator().forEachRemaining(failures::add);
        result.failures().asIterator().forEachRemaining(failures::add);
        report.append(failures.size()).append(" of ").append(result.runCount()).append(" failed:");
        for (TestFailure f : failures.subList(0, Math.min(20, failures.size()))) {
            String name = f.failedTest() instanceof TestCase c ? c.getName() : f.failedTest().toString();
            report.append("\n  ").append(name).append(": ").append(f.thrownException());
        }
        AssertionFailedError first = new AssertionFailedError(report.toString());
        first.initCause(failures.getFirst().thrownException());
        fail(report.toString(), first);
    }

    // ---- generators for the long codec ----

    private static final SampleElements<Long> LONGS = new SampleElements<>(-7L, 0L, 42L, Long.MAX_VALUE, Long.MIN_VALUE);

    private record LongListGenerator(boolean inArena) implements TestListGenerator<Long> {
        @Override
        public SampleElements<Long> samples() {
            return LONGS;
        }

        @Override
        public List<Long> create(Object... elements) {
            return build(inArena, () -> {
                PersistentVector<Long> v = PersistentVector.empty(Codec.LONG);
                for (Object e : elements) {
                    v = v.append((Long) e);
                }
                return v;
            });
        }

        @Override
        public Long[] createArray(int length) {
            return new Long[length];
        }

        @Override
        public Iterable<Long> order(List<Long> insertionOrder) {
            return insertionOrder;
        }
    }

    private record LongSetGenerator(boolean inArena) implements TestSetGenerator<Long> {
        @Override
        public SampleElements<Long> samples() {
            return LONGS;
        }

        @Override
        public Set<Long> create(Object... elements) {
            return build(inArena, () -> {
                PersistentSet<Long> s = PersistentSet.empty(Codec.LONG);
                for (Object e : elements) {
                    s = s.plus((Long) e);
                }
                return s;
            });
        }

        @Override
        public Long[] createArray(int length) {
            return new Long[length];
        }

        @Override
        public Iterable<Long> order(List<Long> insertionOrder) {
            return insertionOrder;
        }
    }

    private record LongMapGenerator(boolean inArena) implements TestMapGenerator<Long, Long> {
        @Override
        public SampleElements<Map.Entry<Long, Long>> samples() {
            return new SampleElements<>(Map.entry(-7L, 1L), Map.entry(0L, 2L), Map.entry(42L, 3L),
                    Map.entry(Long.MAX_VALUE, 4L), Map.entry(Long.MIN_VALUE, 5L));
        }

        @Override
        public Map<Long, Long> create(Object... entries) {
            return build(inArena, () -> {
                PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG);
                for (Object o : entries) {
                    @SuppressWarnings("unchecked")
                    Map.Entry<Long, Long> e = (Map.Entry<Long, Long>) o;
                    m = m.plus(e.getKey(), e.getValue());
                }
                return m;
            });
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Map.Entry<Long, Long>[] createArray(int length) {
            return new Map.Entry[length];
        }

        @Override
        public Iterable<Map.Entry<Long, Long>> order(List<Map.Entry<Long, Long>> insertionOrder) {
            return insertionOrder;
        }

        @Override
        public Long[] createKeyArray(int length) {
            return new Long[length];
        }

        @Override
        public Long[] createValueArray(int length) {
            return new Long[length];
        }
    }
}
