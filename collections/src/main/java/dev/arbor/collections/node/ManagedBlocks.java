package dev.arbor.collections.node;

import dev.arbor.api.BlockKind;
import dev.arbor.api.heap.RoutingHeap;

/**
 * Sizes and accounting of managed nodes (JVM arrays).
 *
 * <p>Sizes assume a 64-bit HotSpot JVM with compressed class pointers and compressed oops (the
 * default below 32 GiB of heap): an array has a 16-byte header (mark word, class pointer, length),
 * a reference slot is 4 bytes, a {@code long} 8 bytes, and objects are 8-byte aligned. They are
 * what {@link RoutingHeap#recordManagedBlock} reports and what memory tests add up.
 */
public final class ManagedBlocks {
    /** Bytes of an array header. */
    public static final long ARRAY_HEADER = 16;
    /** Bytes of a reference slot. */
    public static final long REF_BYTES = 4;

    private ManagedBlocks() {
    }

    /** Bytes of a {@code long[length]}. */
    public static long wordArrayBytes(int length) {
        return align(ARRAY_HEADER + 8L * length);
    }

    /** Bytes of an {@code Object[length]} (its slots, not the objects they refer to). */
    public static long refArrayBytes(int length) {
        return align(ARRAY_HEADER + REF_BYTES * length);
    }

    /** Reports a new node made of only words (a {@link BlockKind#NOREFS} block). */
    public static void recordWords(int length) {
        RoutingHeap.recordManagedBlock(wordArrayBytes(length), BlockKind.NOREFS);
    }

    /** Reports a new node that holds references, of {@code bytes} bytes in all. */
    public static void recordRefs(long bytes) {
        RoutingHeap.recordManagedBlock(bytes, BlockKind.REFS);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
