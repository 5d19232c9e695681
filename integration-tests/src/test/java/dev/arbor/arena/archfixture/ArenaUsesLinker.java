package dev.arbor.arena.archfixture;

import java.lang.foreign.Linker;

/** Violates RAW_NATIVE_ACCESS_ONLY_IN_NATIVE_MEMORY: looks up native functions itself. Never run. */
public final class ArenaUsesLinker {
    private ArenaUsesLinker() {
    }

    static Object malloc() {
        return Linker.nativeLinker().defaultLookup().find("malloc");
    }
}
