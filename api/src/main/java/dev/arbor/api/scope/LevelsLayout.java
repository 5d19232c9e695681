package dev.arbor.api.scope;

import dev.arbor.api.Allocator;

/**
 * The fields of {@link CurrentAllocator.ThreadLevels} with a cache line of padding on each side.
 * Each thread writes its own levels at every scope it opens and closes; without padding, two
 * threads' levels can share a cache line (a collection copies long-lived objects next to one
 * another) and every write of one thread would evict the other's line. The JVM lays out a
 * superclass's fields before its subclass's, so a chain of classes orders the padding, where the
 * fields of one class could be reordered.
 */
final class LevelsLayout {
    private LevelsLayout() {
    }

    /** 64 bytes before the fields. */
    abstract static class PadBefore {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    /** The fields one thread writes. */
    abstract static class Fields extends PadBefore {
        /** The innermost thread-local level, or null. */
        Frame top;
        /** {@code top}'s allocator, cached so the common path reads one field. */
        Allocator topAllocator;
        /** Level changes on this thread so far. */
        long changes;
    }

    /** 64 bytes after the fields. */
    abstract static class PadAfter extends Fields {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }
}
