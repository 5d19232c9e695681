package dev.arbor.arena.archfixture;

import dev.arbor.api.memory.NativeMemory;

/** Keeps RAW_NATIVE_ACCESS_ONLY_IN_NATIVE_MEMORY: raw access through NativeMemory. Never run. */
public final class ArenaUsesNativeMemory {
    private ArenaUsesNativeMemory() {
    }

    static long first(long address) {
        return NativeMemory.getLong(address);
    }
}
