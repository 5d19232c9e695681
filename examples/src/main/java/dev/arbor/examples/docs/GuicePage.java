package dev.arbor.examples.docs;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.arbor.api.Allocator;
import dev.arbor.guice.ArborModule;
import dev.arbor.guice.ManagedAllocators;
import java.util.Properties;

/** The Guice snippet of {@code docs/allocators.md}, word for word (DocsSnippetsTest checks it). */
public final class GuicePage {
    private GuicePage() {
    }

    /** Runs the snippet; returns the arena it injected (closed by then). */
    public static Allocator injectFromHostProperties() {
        Properties host = new Properties();                   // the application's own configuration
        host.setProperty("arbor.arena.chunkSize", "4m");
        host.setProperty("arbor.arena.shared", "true");
        Injector injector = Guice.createInjector(ArborModule.builder().configs(host, "arbor.").build());
        Allocator scratch = injector.getInstance(Key.get(Allocator.class, Names.named("arena"))); // or @Inject @Named("arena")
        // ... when the application stops: close every allocator this injector created
        injector.getInstance(ManagedAllocators.class).close();
        return scratch;
    }
}
