package dev.arbor.debug;

/**
 * How many allocation sites the {@link DebugAllocator} records, as Netty's
 * {@code ResourceLeakDetector.Level}. Block tracking itself is always exact (every block is known,
 * so every double, foreign or wrong-size free is caught at every level); the level only decides
 * how many blocks also carry the stack trace of where they were allocated (and, for those, where
 * they were freed), which is what makes a leak report or an invalid-free message point at code.
 */
public enum LeakDetection {
    /** No stack traces: leaks and invalid frees are still reported, by address and size only. */
    OFF,
    /** One block in {@code sampleInterval} (chosen at random) records its stack trace. */
    SAMPLED,
    /** Every block records its stack trace: slow, for hunting a specific bug. */
    EVERY_BLOCK;

    /**
     * Why a block has no recorded site under this level, and the setting that records one:
     * appended to messages so the reader knows what to turn on.
     */
    String notRecordedHint(long sampleInterval) {
        String why = switch (this) {
            case OFF -> "allocation sites are not recorded at leakDetection=OFF";
            case SAMPLED -> "only 1 in " + sampleInterval + " blocks records its allocation site at leakDetection=SAMPLED";
            case EVERY_BLOCK -> "leakDetection=EVERY_BLOCK records every block, so this block should have one (a bug: report it)";
        };
        return why + "; set leakDetection=EVERY_BLOCK (-Darbor.debug.leakDetection=every_block, or "
                + "DebugAllocator.builder().leakDetection(LeakDetection.EVERY_BLOCK)) to record every block's allocation and free sites";
    }
}
