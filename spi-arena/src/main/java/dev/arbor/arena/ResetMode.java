package dev.arbor.arena;

/**
 * What an {@link ArenaAllocator} keeps of its system memory when it is reset. Every mode
 * invalidates every block and releases every large block and every root; they differ only in
 * how many chunks stay reserved for the next generation.
 *
 * <ul>
 *   <li>{@link #FREE_ALL}: every chunk goes back to the system (the arena then holds nothing);</li>
 *   <li>{@link #RETAIN_CAPACITY}: every chunk is kept and reused, in order, by the next
 *       generation (the default; a steady workload reserves nothing after its first cycle);</li>
 *   <li>{@link #retainWithLimit(long)}: chunks are kept up to that many bytes, the rest goes
 *       back to the system (a workload with rare spikes does not keep the spike's memory).</li>
 * </ul>
 */
public sealed interface ResetMode permits ResetMode.FreeAll, ResetMode.RetainCapacity, ResetMode.RetainWithLimit {

    /** Every chunk goes back to the system. */
    ResetMode FREE_ALL = new FreeAll();

    /** Every chunk is kept for the next generation. */
    ResetMode RETAIN_CAPACITY = new RetainCapacity();

    /**
     * Chunks are kept while their total stays at most {@code bytes}; the others go back to the
     * system.
     *
     * @param bytes the most bytes of chunks kept, {@code >= 0}
     * @return the mode
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    static ResetMode retainWithLimit(long bytes) {
        return new RetainWithLimit(bytes);
    }

    /**
     * The most bytes of chunks this mode keeps: {@code 0} for {@link #FREE_ALL},
     * {@link Long#MAX_VALUE} for {@link #RETAIN_CAPACITY}.
     *
     * @return the byte count
     */
    long retainedBytes();

    /** See {@link ResetMode#FREE_ALL}. */
    record FreeAll() implements ResetMode {
        @Override
        public long retainedBytes() {
            return 0;
        }

        @Override
        public String toString() {
            return "FREE_ALL";
        }
    }

    /** See {@link ResetMode#RETAIN_CAPACITY}. */
    record RetainCapacity() implements ResetMode {
        @Override
        public long retainedBytes() {
            return Long.MAX_VALUE;
        }

        @Override
        public String toString() {
            return "RETAIN_CAPACITY";
        }
    }

    /**
     * See {@link ResetMode#retainWithLimit(long)}.
     *
     * @param bytes the most bytes of chunks kept, {@code >= 0}
     */
    record RetainWithLimit(long bytes) implements ResetMode {
        /**
         * Checks the byte count.
         *
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public RetainWithLimit {
            if (bytes < 0) {
                throw new IllegalArgumentException("retainWithLimit(" + bytes + "): the byte count must be >= 0");
            }
        }

        @Override
        public long retainedBytes() {
            return bytes;
        }

        @Override
        public String toString() {
            return "RETAIN_WITH_LIMIT(" + bytes + " bytes)";
        }
    }
}
