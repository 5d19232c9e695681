package dev.arbor.arena.archfixture;

import dev.arbor.api.memory.NativeAllocator;

/** Violates NATIVE_ALLOCATORS_ARE_NOT_PUBLIC: its raw-address methods would be callable by anyone. */
public abstract class PublicNativeAllocator implements NativeAllocator {
}
