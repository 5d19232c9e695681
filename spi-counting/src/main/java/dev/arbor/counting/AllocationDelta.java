package dev.arbor.counting;

import dev.arbor.api.BlockKind;
import java.util.Objects;

/**
 * What happened between two {@linkplain CountingSnapshot snapshots}: "this operation allocated
 * exactly N blocks". Obtained from {@link CountingAllocator#since(CountingSnapshot)} or
 * {@link CountingAllocator#measure(Runnable)}.
 *
 * @param refsBlocks   {@link BlockKind#REFS} blocks allocated
 * @param refsBytes    bytes of those blocks
 * @param norefsBlocks {@link BlockKind#NOREFS} blocks allocated
 * @param norefsBytes  bytes of those blocks
 * @param frees        blocks freed individually
 * @param freedBytes   bytes of those blocks
 */
public record AllocationDelta(long refsBlocks, long refsBytes, long norefsBlocks, long norefsBytes,
                              long frees, long freedBytes) {

    /** The difference {@code after - before}. */
    static AllocationDelta between(CountingSnapshot before, CountingSnapshot after) {
        return new AllocationDelta(after.refsBlocks() - before.refsBlocks(), after.refsBytes() - before.refsBytes(),
                after.norefsBlocks() - before.norefsBlocks(), after.norefsBytes() - before.norefsBytes(),
                after.frees() - before.frees(), after.freedBytes() - before.freedBytes());
    }

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

    /** {@return the blocks allocated and not freed in the interval (negative if it freed older blocks)} */
    public long netBlocks() {
        return blocks() - frees;
    }

    @Override
    public String toString() {
        return "AllocationDelta[" + Format.counts(refsBlocks, refsBytes, norefsBlocks, norefsBytes, frees, freedBytes) + "]";
    }
}
