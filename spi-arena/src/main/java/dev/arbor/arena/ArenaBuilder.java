package dev.arbor.arena;

import java.util.Objects;

/**
 * Settings for a new {@link ArenaAllocator}, from {@link ArenaAllocator#builder()}:
 * <pre>{@code
 * try (ArenaAllocator arena = ArenaAllocator.builder().chunkSize(64 << 10).limit(16 << 20).build()) {
 *     ...
 * }
 * }</pre>
 * Setters reject bad values at once; {@link #build()} checks how the values fit together. The
 * configuration keys of {@link ArenaProvider} have the same names.
 */
public final class ArenaBuilder {
    /** The default chunk size: 1 MiB. */
    public static final long DEFAULT_CHUNK_SIZE = 1L << 20;
    /** The smallest chunk size accepted. */
    public static final long MIN_CHUNK_SIZE = 64;
    /** The largest chunk size accepted (1 TiB), far beyond any sensible chunk. */
    public static final long MAX_CHUNK_SIZE = 1L << 40;

    private String name = "arena";
    private long chunkSize = -1;
    private long largeThreshold = -1;
    private long limit;
    private ResetMode resetMode = ResetMode.RETAIN_CAPACITY;
    private boolean shared;

    ArenaBuilder() {
    }

    /**
     * The name in messages and stats; default {@code "arena"}.
     *
     * @param name the arena's name
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public ArenaBuilder name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("arena name is blank; give it a name for messages and stats");
        }
        this.name = name;
        return this;
    }

    /**
     * Bytes per chunk; default 1 MiB, or the limit if that is smaller.
     *
     * @param bytes the chunk size, in bytes
     * @return this builder
     * @throws IllegalArgumentException unless {@value #MIN_CHUNK_SIZE} &lt;= bytes &lt;= 2^40
     */
    public ArenaBuilder chunkSize(long bytes) {
        if (bytes < MIN_CHUNK_SIZE || bytes > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunkSize is " + bytes + "; expected " + MIN_CHUNK_SIZE + " to "
                    + MAX_CHUNK_SIZE + " bytes");
        }
        this.chunkSize = bytes;
        return this;
    }

    /**
     * Requests larger than this many bytes get their own system block instead of chunk space;
     * default a quarter of the chunk size. Must be below the chunk size.
     *
     * @param bytes the threshold, in bytes
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public ArenaBuilder largeThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("largeThreshold is " + bytes + "; expected a byte count >= 0");
        }
        this.largeThreshold = bytes;
        return this;
    }

    /**
     * The most bytes the arena reserves from the system (chunks and large blocks); 0 (the
     * default) means no limit. Past it, allocation throws
     * {@link dev.arbor.api.AllocationLimitExceededException}.
     *
     * @param bytes the limit, in bytes, or 0 for none
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public ArenaBuilder limit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("limit is " + bytes + "; expected a byte count >= 0 (0 = no limit)");
        }
        this.limit = bytes;
        return this;
    }

    /**
     * What {@link ArenaAllocator#reset()} keeps; default {@link ResetMode#RETAIN_CAPACITY}.
     *
     * @param mode the mode {@link ArenaAllocator#reset()} uses
     * @return this builder
     */
    public ArenaBuilder resetMode(ResetMode mode) {
        this.resetMode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * Whether several threads may use the arena (every operation then takes a lock); default
     * false: confined to the thread that calls {@link #build()}.
     *
     * @param shared {@code true} for an arena any thread may use
     * @return this builder
     */
    public ArenaBuilder shared(boolean shared) {
        this.shared = shared;
        return this;
    }

    /**
     * A new arena; unless shared, it is confined to the calling thread.
     *
     * @return a new, open arena with these settings
     * @throws IllegalArgumentException if the settings contradict each other (the message says
     *                                  which and how to fix them)
     */
    public ArenaAllocator build() {
        long chunk = chunkSize;
        if (chunk < 0) {
            chunk = limit > 0 ? Math.max(MIN_CHUNK_SIZE, Math.min(DEFAULT_CHUNK_SIZE, limit)) : DEFAULT_CHUNK_SIZE;
        }
        if (limit > 0 && chunk > limit) {
            throw new IllegalArgumentException("chunkSize (" + chunk + " bytes) is larger than limit (" + limit
                    + " bytes), so no chunk could ever be obtained; lower chunkSize or raise limit");
        }
        long threshold = largeThreshold < 0 ? chunk / 4 : largeThreshold;
        if (threshold >= chunk) {
            throw new IllegalArgumentException("largeThreshold (" + threshold + " bytes) must be below chunkSize ("
                    + chunk + " bytes); requests above it get their own block");
        }
        return new BumpArena(name, chunk, threshold, limit, resetMode, shared);
    }
}
