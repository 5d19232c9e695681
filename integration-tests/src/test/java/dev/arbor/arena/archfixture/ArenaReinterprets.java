package dev.arbor.arena.archfixture;

import java.lang.foreign.MemorySegment;

/** Violates RAW_NATIVE_ACCESS_ONLY_IN_NATIVE_MEMORY: widens a raw address itself. Never run. */
public final class ArenaReinterprets {
    private ArenaReinterprets() {
    }

    @SuppressWarnings("restricted")
    static MemorySegment widen(long address) {
        return MemorySegment.ofAddress(address).reinterpret(64);
    }
}
