package dev.arbor.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorDiscoveryException;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.discovery.AllocatorCatalog;
import dev.arbor.api.discovery.Allocators;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ArborModuleTest {
    private final List<String> closeLog = new CopyOnWriteArrayList<>();
    private final FakeProvider alpha = new FakeProvider("alpha", true, closeLog);
    private final FakeProvider beta = new FakeProvider("beta", false, closeLog);
    private final AllocatorCatalog catalog = AllocatorCatalog.of(List.of(alpha, beta));

    /** A host class as users write them: constructor injection with the standard annotations. */
    static final class Host {
        final Allocator defaults;
        final Allocator beta;

        @Inject
        Host(Allocator defaults, @Named("beta") Allocator beta) {
            this.defaults = defaults;
            this.beta = beta;
        }
    }

    private Injector injector(ArborModule module) {
        return Guice.createInjector(Stage.PRODUCTION, module);
    }

    private static Allocator named(Injector injector, String name) {
        return injector.getInstance(Key.get(Allocator.class, Names.named(name)));
    }

    @Test
    void namedAllocatorComesFromTheProviderOfThatNameWithTheModulesConfig() {
        AllocatorConfig config = AllocatorConfig.of("chunkSize", "64k");
        Injector injector = injector(ArborModule.builder().catalog(catalog).config("beta", config).build());

        Allocator a = named(injector, "beta");

        assertEquals("beta", a.name());
        assertSame(beta.created().getFirst(), a);
        assertEquals(config, beta.created().getFirst().config());
    }

    @Test
    void aHostsPropertiesConfigureEveryAllocatorTheirPrefixNames() {
        Properties host = new Properties();
        host.setProperty("app.arbor.beta.chunkSize", "64k");
        host.setProperty("app.arbor.beta.limit", "1m");
        host.setProperty("app.arbor.alpha.limit", "2m");
        host.setProperty("app.name", "reports");                          // not Arbor's: ignored
        Injector injector = injector(ArborModule.builder().catalog(catalog)
                .config("beta", AllocatorConfig.of("limit", "4m"))
                .configs(host, "app.arbor.").build());

        named(injector, "beta");
        named(injector, "alpha");

        assertEquals(AllocatorConfig.of("chunkSize", "64k", "limit", "1m"), beta.created().getFirst().config(),
                "the host's settings over the module's");
        assertEquals(AllocatorConfig.of("limit", "2m"), alpha.created().getFirst().config());
        injector.getInstance(ManagedAllocators.class).close();
        assertFalse(beta.created().getFirst().isOpen(), "closed with the injector's allocators");
    }

    @Test
    void aHostSettingThatTheAllocatorDoesNotKnowFailsInjectorCreation() {
        ArborModule module = ArborModule.builder().catalog(catalog)
                .configs(Map.of("arbor.beta.chunksize", "64k"), "arbor.").build();

        CreationException e = assertThrows(CreationException.class, () -> injector(module));

        assertTrue(e.getMessage().contains("did you mean 'chunkSize'?"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ArborModule.builder().configs(Map.of("arbor.beta", "x"), "arbor."), "no setting after the name");
    }

    @Test
    void withoutModuleConfigTheSystemPropertiesOfThatNameConfigureTheAllocator() {
        System.setProperty("arbor.beta.limit", "1m");
        try {
            Injector injector = injector(ArborModule.builder().catalog(catalog).build());
            named(injector, "beta");
        } finally {
            System.clearProperty("arbor.beta.limit");
        }
        assertEquals(AllocatorConfig.of("limit", "1m"), beta.created().getFirst().config());
    }

    @Test
    void allocatorsAreCreatedOnFirstInjectionOnlyEvenInProductionStage() {
        Injector injector = injector(ArborModule.builder().catalog(catalog).build());
        assertEquals(List.of(), alpha.created());
        assertEquals(List.of(), beta.created());

        named(injector, "beta");

        assertEquals(List.of(), alpha.created(), "an allocator nobody asked for must not be created");
        assertEquals(1, beta.created().size());
        assertEquals(List.of("beta"), injector.getInstance(ManagedAllocators.class).createdNames());
    }

    @Test
    void everyInjectionOfOneNameInOneInjectorGetsTheSameAllocator() {
        Injector injector = injector(ArborModule.builder().catalog(catalog).build());

        Host first = injector.getInstance(Host.class);
        Host second = injector.getInstance(Host.class);

        assertSame(first.beta, second.beta);
        assertSame(first.beta, named(injector, "beta"));
        assertEquals(1, beta.created().size());
    }

    @Test
    void threadsInjectingOneNameAtOnceShareOneAllocator() throws Exception {
        Injector injector = injector(ArborModule.builder().catalog(catalog).build());
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Allocator>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return named(injector, "beta");
                }));
            }
            start.countDown();
            for (Future<Allocator> result : results) {
                assertSame(results.getFirst().get(), result.get());
            }
        }
        assertEquals(1, beta.created().size());
    }

    @Test
    void eachInjectorGetsItsOwnAllocatorsFromOneModule() {
        ArborModule module = ArborModule.builder().catalog(catalog).build();

        Allocator one = named(injector(module), "beta");
        Allocator two = named(injector(module), "beta");

        assertNotSame(one, two);
    }

    @Test
    void withATestCatalogTheUnannotatedAllocatorIsTheDefaultProvidersNamedAllocator() {
        Injector injector = injector(ArborModule.builder().catalog(catalog).build());

        Host host = injector.getInstance(Host.class);

        assertEquals("alpha", host.defaults.name());
        assertSame(named(injector, "alpha"), host.defaults);
        assertSame(host.defaults, injector.getInstance(Allocator.class));
    }

    @Test
    void withTheClasspathCatalogTheUnannotatedAllocatorIsTheProcessDefaultAndIsNeverClosed() {
        Injector injector = injector(new ArborModule());
        Allocator processDefault = Allocators.defaultAllocator();

        assertSame(processDefault, injector.getInstance(Allocator.class));
        assertSame(Allocators.catalog(), injector.getInstance(AllocatorCatalog.class));
        Allocator named = named(injector, "fake-classpath");
        assertNotSame(processDefault, named, "the named allocator is the injector's own, closable one");

        injector.getInstance(ManagedAllocators.class).close();

        assertTrue(processDefault.isOpen(), "the process-wide default lives as long as the JVM");
        assertFalse(named.isOpen());
    }

    @Test
    void closingClosesEveryCreatedAllocatorNewestFirstAndThenRefusesToProvide() {
        Injector injector = injector(ArborModule.builder().catalog(catalog).build());
        Allocator a = named(injector, "alpha");
        Allocator b = named(injector, "beta");
        ManagedAllocators managed = injector.getInstance(ManagedAllocators.class);

        managed.close();

        assertFalse(a.isOpen());
        assertFalse(b.isOpen());
        assertEquals(List.of("beta", "alpha"), closeLog);
        assertFalse(managed.isOpen());
        ProvisionException e = assertThrows(ProvisionException.class, () -> named(injector, "alpha"));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertThrows(IllegalStateException.class, managed::close, "a second close is a lifecycle bug");
    }

    @Test
    void closingSkipsAllocatorsTheHostClosedAndGoesOnAfterAFailure() {
        Injector injector = injector(ArborModule.builder().catalog(catalog).build());
        Allocator a = named(injector, "alpha");
        Allocator b = named(injector, "beta");
        b.close();
        closeLog.clear();
        IllegalStateException boom = new IllegalStateException("alpha failed to close");
        alpha.created().getFirst().failOnClose(boom);

        ManagedAllocators managed = injector.getInstance(ManagedAllocators.class);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, managed::close);

        assertSame(boom, thrown);
        assertEquals(List.of("alpha"), closeLog, "beta was already closed by the host and must not be closed again");
        assertFalse(a.isOpen());
    }

    @Test
    void firstCloseFailureIsThrownWithTheOthersSuppressedAfterEveryAllocatorWasClosed() {
        Injector injector = injector(ArborModule.builder().catalog(catalog).build());
        named(injector, "alpha");
        named(injector, "beta");
        RuntimeException alphaFailure = new IllegalStateException("alpha");
        RuntimeException betaFailure = new IllegalStateException("beta");
        alpha.created().getFirst().failOnClose(alphaFailure);
        beta.created().getFirst().failOnClose(betaFailure);

        RuntimeException thrown = assertThrows(RuntimeException.class, injector.getInstance(ManagedAllocators.class)::close);

        assertSame(betaFailure, thrown, "beta is newest, so closed first");
        assertEquals(List.of(alphaFailure), List.of(thrown.getSuppressed()));
        assertEquals(List.of("beta", "alpha"), closeLog);
    }

    @Test
    void catalogAndProvidersByNameAreInjectable() {
        Injector injector = injector(ArborModule.builder().catalog(catalog).build());

        Map<String, AllocatorProvider> byName = injector.getInstance(Key.get(new TypeLiteral<Map<String, AllocatorProvider>>() { }));

        assertSame(catalog, injector.getInstance(AllocatorCatalog.class));
        assertEquals(Map.of("alpha", alpha, "beta", beta), byName);
        assertSame(injector.getInstance(ManagedAllocators.class), injector.getInstance(ManagedAllocators.class));
    }

    @Test
    void configForAnUnknownNameFailsInjectorCreationListingThePluginsFound() {
        ArborModule module = ArborModule.builder().catalog(catalog).config("arena", AllocatorConfig.EMPTY).build();

        CreationException e = assertThrows(CreationException.class, () -> injector(module));

        String message = e.getMessage();
        assertTrue(message.contains("'arena'"), message);
        assertTrue(message.contains("[alpha, beta]"), message);
    }

    @Test
    void unknownNameIsNotBound() {
        Injector injector = injector(ArborModule.builder().catalog(catalog).build());

        assertEquals(null, injector.getExistingBinding(Key.get(Allocator.class, Names.named("gamma"))));
    }

    @Test
    void withoutADefaultProviderTheUnannotatedAllocatorFailsWithTheDiscoveryErrorButNamedOnesWork() {
        AllocatorCatalog noDefault = AllocatorCatalog.of(List.of(beta));
        Injector injector = injector(ArborModule.builder().catalog(noDefault).build());

        ProvisionException e = assertThrows(ProvisionException.class, () -> injector.getInstance(Allocator.class));

        assertInstanceOf(AllocatorDiscoveryException.class, e.getCause());
        assertEquals("beta", named(injector, "beta").name());
    }
}
