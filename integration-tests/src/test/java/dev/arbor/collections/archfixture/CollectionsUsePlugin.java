package dev.arbor.collections.archfixture;

import dev.arbor.arena.archfixture.ArenaFixture;

/** Violates COLLECTIONS_DEPEND_ONLY_ON_API: a collection that knows a plugin. */
public final class CollectionsUsePlugin {
    private CollectionsUsePlugin() {
    }

    static Object arena() {
        return new ArenaFixture();
    }
}
