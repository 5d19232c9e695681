package dev.arbor.gc.archfixture;

import com.google.common.collect.ImmutableList;

/** Violates PLUGINS_DEPEND_ONLY_ON_API: a plugin that needs a library besides api. */
public final class GcUsesGuava {
    private GcUsesGuava() {
    }

    static ImmutableList<String> names() {
        return ImmutableList.of("gc");
    }
}
