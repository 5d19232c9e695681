package dev.arbor.junit;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.CloseActions;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.counting.AllocationDelta;
import dev.arbor.counting.CountingAllocator;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

/**
 * Arbor for JUnit Jupiter tests ({@code @ExtendWith(ArborExtension.class)}):
 * <ul>
 *   <li>{@link WithAllocator} parameters: a new allocator per test method, closed after it, made
 *       current for the method's body if asked; a debug allocator fails the test when blocks
 *       leaked;</li>
 *   <li>{@link AllocationBudget}: the method's body runs with a counter current and fails when it
 *       allocated more than stated.</li>
 * </ul>
 * Each test method gets its own allocators and counter, on the thread that runs it, so tests may
 * run in parallel ({@code junit.jupiter.execution.parallel.enabled}) and in {@code @Nested}
 * classes.
 */
public final class ArborExtension implements ParameterResolver, InvocationInterceptor, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ArborExtension.class);
    private static final String CURRENT = "current";
    private static final String MADE = "made";

    /** Called by JUnit. */
    public ArborExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(WithAllocator.class)
                && Allocator.class.isAssignableFrom(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        WithAllocator spec = parameter.findAnnotation(WithAllocator.class).orElseThrow();
        Allocator allocator = Allocators.create(spec.value(), config(spec, leakChecks(context)));
        Parameter p = parameter.getParameter();
        if (!p.getType().isInstance(allocator)) {
            allocator.close();
            throw new ParameterResolutionException("@WithAllocator(\"" + spec.value() + "\") made a "
                    + allocator.getClass().getName() + ", which is not a " + p.getType().getName() + " (parameter '"
                    + p.getName() + "'); declare the parameter as Allocator or as the plugin's own type");
        }
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // Closed after each test (afterEach), so a close that reports a leak fails the test with its own
        // exception; the store closes any left open if the test never got that far.
        store.put(p.toString() + "#" + parameter.getIndex(), new Closing(allocator));
        made(store).add(allocator);
        if (spec.current()) {
            Current other = store.get(CURRENT, Current.class);
            if (other != null) {
                throw new ParameterResolutionException("two @WithAllocator parameters ask to be current ('"
                        + other.allocator().name() + "' and '" + allocator.name() + "'); a thread has one current allocator");
            }
            store.put(CURRENT, new Current(allocator));
        }
        return allocator;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Current marked = context.getStore(NAMESPACE).get(CURRENT, Current.class);
        Allocator current = marked == null ? null : marked.allocator();
        Optional<AllocationBudget> budget = Optional.ofNullable(invocationContext.getExecutable().getAnnotation(AllocationBudget.class));
        if (budget.isEmpty()) {
            if (current == null) {
                invocation.proceed();
                return;
            }
            try (AllocatorScope scope = CurrentAllocator.use(current)) {
                invocation.proceed();
            }
            return;
        }
        Allocator under = current != null ? current : RoutingHeap.target();
        try (CountingAllocator counter = CountingAllocator.over(under)) {
            AllocationDelta delta;
            try (AllocatorScope scope = CurrentAllocator.use(counter)) {
                var before = counter.snapshot();
                invocation.proceed();
                delta = counter.since(before);
            }
            check(budget.get().blocks(), budget.get().bytes(), delta, context.getDisplayName());
        }
    }

    /**
     * Closes this test's allocators, newest first; the first failure (a debug allocator's
     * {@code LeakDetectedException}) fails the test, later ones are added to it as suppressed.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        List<Allocator> made = made(context.getStore(NAMESPACE));
        List<Allocator> toClose = List.copyOf(made);
        made.clear();
        CloseActions.closeNewestFirst(toClose);
    }

    @SuppressWarnings("unchecked")
    private static List<Allocator> made(ExtensionContext.Store store) {
        return store.computeIfAbsent(MADE, k -> new ArrayList<Allocator>(), List.class);
    }

    /** Throws when {@code delta} is over either limit (a limit below zero is none). */
    static void check(long maxBlocks, long maxBytes, AllocationDelta delta, String what) {
        boolean blocksOver = maxBlocks >= 0 && delta.blocks() > maxBlocks;
        boolean bytesOver = maxBytes >= 0 && delta.bytes() > maxBytes;
        if (blocksOver || bytesOver) {
            throw new AssertionFailedError(what + " allocated " + delta.blocks() + " blocks (" + delta.bytes()
                    + " bytes; " + delta.refsBlocks() + " with references, " + delta.norefsBlocks() + " without), over its "
                    + "budget of " + (maxBlocks >= 0 ? maxBlocks + " blocks" : "any number of blocks")
                    + (maxBytes >= 0 ? " and " + maxBytes + " bytes" : ""));
        }
    }

    /** The nearest {@link LeakChecks}: on the test method, its class, then the classes enclosing it; on without one. */
    private static boolean leakChecks(ExtensionContext context) {
        Optional<LeakChecks> onMethod = context.getTestMethod().map(m -> m.getAnnotation(LeakChecks.class));
        if (onMethod.isPresent()) {
            return onMethod.get().value();
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            LeakChecks onClass = c.getAnnotation(LeakChecks.class);
            if (onClass != null) {
                return onClass.value();
            }
        }
        return true;
    }

    private static AllocatorConfig config(WithAllocator spec, boolean leakChecks) {
        Map<String, String> settings = new LinkedHashMap<>();
        if ("debug".equals(spec.value())) {
            settings.put("failOnLeak", Boolean.toString(leakChecks));
        }
        for (String entry : spec.config()) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ParameterResolutionException("@WithAllocator(\"" + spec.value() + "\") config entry '" + entry
                        + "' is not key=value, e.g. chunkSize=64k");
            }
            settings.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return AllocatorConfig.of(settings);
    }

    /** Which allocator is current for the test (not AutoCloseable: the store must not close it again). */
    private record Current(Allocator allocator) {
    }

    /** Closes its allocator when the test method's store is closed, unless the test already did. */
    private record Closing(Allocator allocator) implements AutoCloseable {
        @Override
        public void close() {
            if (allocator.isOpen()) {
                allocator.close();
            }
        }
    }
}
