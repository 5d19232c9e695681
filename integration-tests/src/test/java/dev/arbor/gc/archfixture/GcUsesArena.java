package dev.arbor.gc.archfixture;

import dev.arbor.arena.archfixture.ArenaFixture;

/** Violates NO_PLUGIN_DEPENDS_ON_ANOTHER_PLUGIN: the gc plugin tree reaching into the arena's. */
public final class GcUsesArena {
    private GcUsesArena() {
    }

    static Object arena() {
        return new ArenaFixture();
    }
}
