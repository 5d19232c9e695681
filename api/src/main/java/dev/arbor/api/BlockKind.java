package dev.arbor.api;

/**
 * What a block may contain, as immer's {@code norefs_tag}.
 *
 * <p>A native allocator needs the distinction because native memory cannot hold Java references:
 * a {@link #REFS} block may hold root handles (words that refer to JVM objects through the
 * allocator's {@link dev.arbor.api.roots.RootTable}), a {@link #NOREFS} block holds raw data only.
 * Managed allocators use it for accounting.
 */
public enum BlockKind {
    /** The block may hold root handles that keep JVM objects reachable. */
    REFS,
    /** The block holds raw data (numbers, bytes) and never a root handle. */
    NOREFS
}
