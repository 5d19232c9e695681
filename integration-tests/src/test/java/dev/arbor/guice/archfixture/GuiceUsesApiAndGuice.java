package dev.arbor.guice.archfixture;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import dev.arbor.api.Allocator;
import dev.arbor.api.discovery.Allocators;

/** Keeps GUICE_DEPENDS_ON_API_AND_GUICE_ONLY: a module built from api and Guice. */
public final class GuiceUsesApiAndGuice extends AbstractModule {
    @Override
    protected void configure() {
        bind(Allocator.class).annotatedWith(Names.named("scratch")).toProvider(() -> Allocators.create("arena"));
    }
}
