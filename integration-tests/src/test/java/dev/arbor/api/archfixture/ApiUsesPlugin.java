package dev.arbor.api.archfixture;

import dev.arbor.gc.archfixture.GcUsesApiOnly;

/** Violates API_DEPENDS_ON_JDK_ONLY: code in the api tree that sees a plugin. */
public final class ApiUsesPlugin {
    private ApiUsesPlugin() {
    }

    static Object plugin() {
        return new GcUsesApiOnly();
    }
}
