/**
 * The arena allocator: native memory by bump allocation in chunks, invalidated all at once by a
 * reset, with optional byte limits and generations. Use it through {@link dev.arbor.arena.ArenaAllocator#builder()}
 * or, by name {@code "arena"}, through {@link dev.arbor.api.discovery.Allocators}.
 */
package dev.arbor.arena;
