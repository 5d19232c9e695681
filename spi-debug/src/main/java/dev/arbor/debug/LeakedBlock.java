package dev.arbor.debug;

import dev.arbor.api.BlockKind;
import java.util.List;

/**
 * A block that was still live when a {@link LeakReport} was taken.
 *
 * @param address        the block's first byte
 * @param byteSize       the size it was allocated with
 * @param kind           what it was allocated for
 * @param generation     the allocator's generation when it was allocated
 * @param allocationSite where it was allocated (Arbor's own frames left out), or empty when the
 *                       leak-detection level did not record it
 */
public record LeakedBlock(long address, long byteSize, BlockKind kind, long generation,
                          List<StackTraceElement> allocationSite) {
    /** Copies {@code allocationSite} into an unmodifiable list. */
    public LeakedBlock {
        allocationSite = List.copyOf(allocationSite);
    }

    /** {@return whether the allocation site was recorded} */
    public boolean siteRecorded() {
        return !allocationSite.isEmpty();
    }
}
