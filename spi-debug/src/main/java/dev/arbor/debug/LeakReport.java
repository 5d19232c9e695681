package dev.arbor.debug;

import java.util.List;

/**
 * The blocks of a {@link DebugAllocator} that were never freed, with their sizes and, where
 * recorded, their allocation sites. {@link #toString()} is the readable report printed at close.
 */
public final class LeakReport {
    private final String allocator;
    private final List<LeakedBlock> blocks;
    private final String notRecordedHint;

    LeakReport(String allocator, List<LeakedBlock> blocks, String notRecordedHint) {
        this.allocator = allocator;
        this.blocks = List.copyOf(blocks);
        this.notRecordedHint = notRecordedHint;
    }

    /** {@return the leaked blocks, oldest allocation first} */
    public List<LeakedBlock> blocks() {
        return blocks;
    }

    /** {@return whether nothing leaked} */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** {@return the sum of the leaked blocks' sizes, in bytes} */
    public long totalBytes() {
        long sum = 0;
        for (LeakedBlock b : blocks) {
            sum += b.byteSize();
        }
        return sum;
    }

    @Override
    public String toString() {
        if (blocks.isEmpty()) {
            return "debug allocator '" + allocator + "': no leaked blocks";
        }
        StringBuilder sb = new StringBuilder("debug allocator '").append(allocator).append("': ")
                .append(blocks.size()).append(" leaked block").append(blocks.size() == 1 ? "" : "s")
                .append(" (").append(totalBytes()).append(" bytes) never freed:");
        boolean someNotRecorded = false;
        for (LeakedBlock b : blocks) {
            sb.append("\n  block 0x").append(Long.toHexString(b.address())).append(", ").append(b.byteSize())
                    .append(" bytes, ").append(b.kind()).append(", generation ").append(b.generation());
            if (b.siteRecorded()) {
                sb.append(", allocated at:");
                for (StackTraceElement e : b.allocationSite()) {
                    sb.append("\n\tat ").append(e);
                }
            } else {
                sb.append(", allocation site not recorded");
                someNotRecorded = true;
            }
        }
        if (someNotRecorded) {
            sb.append("\n  (").append(notRecordedHint).append(")");
        }
        return sb.toString();
    }
}
