package dev.arbor.debug;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A checking native allocator: every misuse of its memory throws a named exception instead of
 * crashing the JVM or silently corrupting data. Slow on purpose; use it in tests and when hunting
 * a memory bug (by name {@code debug}: {@code -Darbor.allocator=debug}, or
 * {@link #builder()}).
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Exact tracking.</b> Every block is its own system allocation, tracked from allocation
 *       to free; with {@code -Darbor.memory.checked=true} every read and write the collections
 *       make is checked against the live blocks, one byte past a block's end included.</li>
 *   <li><b>Invalid frees are refused</b> with {@link InvalidFreeException}, and nothing changes:
 *       a double free (the block is in the quarantine), a free of an address this allocator never
 *       handed out (the message names the allocator that owns it, if any), a free of an address
 *       inside a block, and a free with the wrong size. The message names the address, the
 *       size, where the block was allocated and first freed when recorded, or else the setting
 *       that records it.</li>
 *   <li><b>Use after free or reset throws.</b> A segment from {@link #allocate} has its own
 *       shared {@link java.lang.foreign.Arena} scope, closed when the block is freed or at {@link #reset()} or
 *       {@link #close()}: access through it throws {@link IllegalStateException}. Raw access to
 *       a freed address from a collection's node throws in checked mode.</li>
 *   <li><b>Poisoning and quarantine.</b> Freed memory (and all memory at reset) is filled with
 *       {@code 0xDD} and kept reserved in a FIFO quarantine of {@code quarantine} bytes before
 *       it goes back to the system, oldest first. While quarantined, an address cannot be handed
 *       out again, so a double free is detected for certain and an unchecked stale read sees
 *       poison rather than another block's data. A block that has left the quarantine is
 *       forgotten: a late second free of it is reported as a foreign free.</li>
 *   <li><b>Leak report.</b> {@link #close()} lists the blocks never freed (size, allocation site
 *       when recorded) on {@code System.err}, or throws {@link LeakDetectedException} with
 *       {@code failOnLeak=true}; either way it releases everything first. {@link #leakReport()}
 *       gives the same report at any time.</li>
 * </ul>
 *
 * <h2>Leak-detection levels</h2>
 * Tracking is exact at every level; the {@link LeakDetection} level decides how many blocks also
 * record the stack trace of their allocation (and then of their free), as Netty's
 * {@code ResourceLeakDetector} levels: {@code OFF} none, {@code SAMPLED} (the default) one block in
 * {@code sampleInterval} (default 64) chosen at random (a fixed stride could always pick the same
 * call site of a loop), {@code EVERY_BLOCK} all of them. Sites leave out Arbor's own frames.
 *
 * <h2>Settings</h2>
 * {@code leakDetection} (OFF | SAMPLED | EVERY_BLOCK, default SAMPLED), {@code sampleInterval}
 * (default 64), {@code quarantine} (bytes, default 16m), {@code failOnLeak} (default false);
 * see {@link Builder}.
 *
 * <p>Thread-safe: any thread may allocate, free, reset and close, and read the collections built
 * in it (see {@code docs/memory-safety.md}).
 */
public sealed interface DebugAllocator extends Allocator permits TrackingAllocator {
    /** The poison written over freed and reset memory. */
    byte POISON = (byte) 0xDD;
    /** The largest alignment served. */
    long MAX_ALIGNMENT = 4096;

    /** {@return a builder with the defaults: SAMPLED 1 in 64, 16 MiB quarantine, leaks reported not thrown} */
    static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc} Alignment 1..4096; each segment has its own scope, closed at free, reset and
     * close.
     */
    @Override
    MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind);

    /**
     * {@inheritDoc}
     *
     * @throws InvalidFreeException if the segment is not a live block of this allocator as handed
     *                              out (double free, foreign, a slice, a heap segment); nothing
     *                              changes then
     */
    @Override
    void free(MemorySegment block);

    /** {@inheritDoc} Every live block is poisoned, its segment scope closed, and quarantined. */
    @Override
    void reset();

    /**
     * {@inheritDoc} Details: {@code blocksLive} (now, after resets), {@code quarantinedBlocks},
     * {@code quarantinedBytes}, {@code sitesRecorded}, {@code doubleFreesDetected},
     * {@code invalidFreesDetected} (foreign, interior, wrong size), {@code leakedBlocks} (at close).
     */
    @Override
    AllocatorStats stats();

    /**
     * {@inheritDoc} Blocks never freed are reported on {@code System.err}; with
     * {@code failOnLeak=true} this then throws {@link LeakDetectedException}. Everything is
     * released in both cases.
     *
     * @throws IllegalStateException         if already closed
     * @throws UnsupportedOperationException if this is the default allocator
     */
    @Override
    void close();

    /**
     * Blocks allocated and neither freed nor reset.
     *
     * @return the live blocks (the {@code blocksLive} detail of {@link #stats()})
     */
    default long liveBlockCount() {
        return stats().detail("blocksLive");
    }

    /** {@return the bytes of freed blocks held poisoned in the quarantine (the {@code quarantinedBytes} detail)} */
    default long quarantinedBytes() {
        return stats().detail("quarantinedBytes");
    }

    /** {@return the double frees refused so far (the {@code doubleFreesDetected} detail)} */
    default long doubleFreesDetected() {
        return stats().detail("doubleFreesDetected");
    }

    /**
     * Other invalid frees refused so far: foreign, interior or wrong-size.
     *
     * @return the invalid frees other than double frees (the {@code invalidFreesDetected} detail)
     */
    default long invalidFreesDetected() {
        return stats().detail("invalidFreesDetected");
    }

    /** {@return the leak-detection level in force} */
    LeakDetection leakDetection();

    /** {@return the blocks not freed so far (while open), or the blocks that had leaked when it was closed} */
    LeakReport leakReport();

    /**
     * Settings of a {@link DebugAllocator}, for Java users; the provider fills one from an
     * {@link AllocatorConfig} with {@link #config}.
     */
    final class Builder {
        LeakDetection leakDetection = LeakDetection.SAMPLED;
        long sampleInterval = 64;
        long quarantineBytes = 16L << 20;
        boolean failOnLeak;

        private Builder() {
        }

        /**
         * How many blocks record their allocation site; default {@link LeakDetection#SAMPLED}.
         *
         * @param level the leak-detection level
         * @return this builder
         */
        public Builder leakDetection(LeakDetection level) {
            this.leakDetection = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * Under {@link LeakDetection#SAMPLED}, one block in {@code n} records its site; default 64.
         *
         * @param n the sampling interval, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder sampleInterval(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("sampleInterval is " + n + "; expected 1 or more (1 records every block)");
            }
            this.sampleInterval = n;
            return this;
        }

        /**
         * Bytes of freed blocks kept poisoned and reserved (oldest released first); default 16 MiB.
         * 0 releases every block at once, which lets addresses be reused and makes a double free
         * look like a foreign free.
         *
         * @param bytes the quarantine size, in bytes
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder quarantineBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("quarantine is " + bytes + " bytes; expected 0 or more");
            }
            this.quarantineBytes = bytes;
            return this;
        }

        /**
         * Whether {@link DebugAllocator#close()} throws when blocks leaked; default false (it reports).
         *
         * @param fail {@code true} to throw {@link LeakDetectedException} at close when blocks leaked
         * @return this builder
         */
        public Builder failOnLeak(boolean fail) {
            this.failOnLeak = fail;
            return this;
        }

        /**
         * Applies configuration keys: {@code leakDetection} (off, sampled, every_block),
         * {@code sampleInterval}, {@code quarantine} (a byte size such as {@code 16m}),
         * {@code failOnLeak}. Absent keys keep the builder's values; unknown keys are ignored.
         *
         * @param config the settings to apply
         * @return this builder
         * @throws IllegalArgumentException naming the key if a value is bad
         */
        public Builder config(AllocatorConfig config) {
            leakDetection(config.getEnum("leakDetection", LeakDetection.class, leakDetection));
            sampleInterval(config.getLong("sampleInterval", sampleInterval));
            quarantineBytes(config.getBytes("quarantine", quarantineBytes));
            failOnLeak(config.getBoolean("failOnLeak", failOnLeak));
            return this;
        }

        /** {@return a new, open allocator with these settings} */
        public DebugAllocator build() {
            return new TrackingAllocator(this);
        }
    }
}
