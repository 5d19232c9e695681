package dev.arbor.counting;

import dev.arbor.api.BlockKind;
import java.util.Objects;

/**
 * A counting allocator's counters at one moment, since its creation. Compare two with
 * {@link CountingAllocator#since(CountingSnapshot)}.
 *
 * @param refsBlocks   {@link BlockKind#REFS} blocks allocated (managed nodes included)
 * @param refsBytes    bytes of those blocks, as requested
 * @param norefsBlocks {@link BlockKind#NOREFS} blocks allocated (managed nodes included)
 * @param norefsBytes  bytes of those blocks, as requested
 * @param frees        blocks given back individually (a block's kind is not known when it is
 *                     freed, so frees are not split by kind)
 * @param freedBytes   bytes of those blocks
 */
public record CountingSnapshot(long refsBlocks, long refsBytes, long norefsBlocks, long norefsBytes,
                               long frees, long freedBytes) {

    /** {@return the blocks allocated, both kinds} */
    public long blocks() {
        return refsBlocks + norefsBlocks;
    }

    /** {@return the bytes allocated, both kinds} */
    public long bytes() {
        return refsBytes + norefsBytes;
    }

    /**
     * Blocks of {@code kind} allocated.
     *
     * @param kind the kind to count
     * @return {@code refsBlocks} or {@code norefsBlocks}
     */
    public long blocks(BlockKind kind) {
        return Objects.requireNonNull(kind, "kind") == BlockKind.REFS ? refsBlocks : norefsBlocks;
    }

    /**
     * Bytes of {@code kind} allocated.
     *
     * @param kind the kind to count
     * @return {@code refsBytes} or {@code norefsBytes}
     */
    public long bytes(BlockKind kind) {
        return Objects.requireNonNull(kind, "kind") == BlockKind.REFS ? refsBytes : norefsBytes;
    }

    @Override
    public String toString() {
        return "CountingSnapshot[" + Format.counts(refsBlocks, refsBytes, norefsBlocks, norefsBytes, frees, freedBytes) + "]";
    }
}
