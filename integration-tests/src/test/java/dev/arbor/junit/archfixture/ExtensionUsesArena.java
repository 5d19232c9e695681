package dev.arbor.junit.archfixture;

import dev.arbor.arena.archfixture.ArenaFixture;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Violates JUNIT_DEPENDS_ON_API_COUNTING_AND_JUNIT_ONLY: an extension that builds a plugin's class itself. */
public final class ExtensionUsesArena implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        new ArenaFixture();
    }
}
