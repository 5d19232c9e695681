package dev.arbor.debug;

/**
 * Thrown by {@link DebugAllocator#close()} with {@code failOnLeak=true} when blocks were never
 * freed. Every block was released before it was thrown; the allocator is closed.
 */
public final class LeakDetectedException extends IllegalStateException {
    private final transient LeakReport report;

    LeakDetectedException(LeakReport report) {
        super(report + "\nFree these blocks before closing, or set failOnLeak=false to only print this report.");
        this.report = report;
    }

    /** {@return the leaked blocks} */
    public LeakReport report() {
        return report;
    }
}
