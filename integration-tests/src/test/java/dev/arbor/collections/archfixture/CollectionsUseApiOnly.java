package dev.arbor.collections.archfixture;

import dev.arbor.api.BlockKind;
import dev.arbor.api.heap.RoutingHeap;
import java.lang.foreign.MemorySegment;

/** Keeps COLLECTIONS_DEPEND_ONLY_ON_API: nodes come from the routing heap. */
public final class CollectionsUseApiOnly {
    private CollectionsUseApiOnly() {
    }

    static MemorySegment node() {
        return RoutingHeap.allocate(32, 8, BlockKind.REFS);
    }
}
