package dev.arbor.arena.archfixture;

import dev.arbor.api.memory.NativeAllocator;

/** Keeps NATIVE_ALLOCATORS_ARE_NOT_PUBLIC: reached as an {@code Allocator} through a public interface only. */
abstract class HiddenNativeAllocator implements NativeAllocator {
}
