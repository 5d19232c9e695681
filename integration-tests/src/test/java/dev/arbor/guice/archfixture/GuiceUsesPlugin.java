package dev.arbor.guice.archfixture;

import com.google.inject.AbstractModule;
import dev.arbor.arena.archfixture.ArenaFixture;

/** Violates GUICE_DEPENDS_ON_API_AND_GUICE_ONLY: a module that binds a plugin's class directly. */
public final class GuiceUsesPlugin extends AbstractModule {
    @Override
    protected void configure() {
        bind(ArenaFixture.class).toInstance(new ArenaFixture());
    }
}
