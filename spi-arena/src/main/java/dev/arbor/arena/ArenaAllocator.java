package dev.arbor.arena;

import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import java.lang.foreign.MemorySegment;

/**
 * An arena: native memory handed out by bumping a pointer through chunks, all of it invalidated
 * at once by {@link #reset()} and released by {@link #close()}.
 *
 * <pre>{@code
 * try (ArenaAllocator arena = ArenaAllocator.create();
 *      AllocatorScope scope = CurrentAllocator.use(arena)) {
 *     PersistentMap<Long, Long> map = PersistentMap.<Long, Long>empty().plusLong(1, 2);
 *     heapCopy = map.copyToHeap();
 * }
 * }</pre>
 *
 * <h2>Memory</h2>
 * Blocks come from chunks of {@link #chunkSize()} bytes; a request above {@link #largeThreshold()}
 * gets its own system block. Freeing a block in a chunk is only counted: chunk memory is never
 * handed out twice before the next reset, so its segment still reads the freed block's bytes. A
 * large block goes back to the system when it is freed, and its segment's lifetime ends first:
 * used afterwards, it throws {@link IllegalStateException}, and a second free of it throws
 * {@link InvalidFreeException}. The arena does not track each small block, so it cannot tell a
 * repeated free of one from a first free (the debug allocator can). {@link #reset(ResetMode)} releases every large block and root, keeps
 * chunks as the mode says, and starts the next {@linkplain #generation() generation}. The optional
 * {@link #limit()} caps the bytes reserved from the system (chunks and large blocks): a request
 * that would pass it throws {@link AllocationLimitExceededException} and changes nothing.
 *
 * <h2>Threads and lifetimes</h2>
 * An arena is confined to the thread that created it unless built {@linkplain #isShared() shared}:
 * other threads get {@link WrongThreadException} from allocate, free, reset and close, and from
 * reading the collections built in it. A shared arena may be used from any thread; its reset and
 * close wait, as closing a shared {@link java.lang.foreign.Arena} does, until no thread is inside
 * an access, so a read in flight either completes before the memory is reused or throws
 * {@link IllegalStateException}. {@link #stats()} may be called from any thread (in a confined
 * arena it is then a best-effort snapshot). Segments from {@link #allocate(long, long, BlockKind)}
 * belong to the current generation: used after a reset or close, they throw
 * {@link IllegalStateException} instead of reading reused memory. The full safety model:
 * {@code docs/memory-safety.md}.
 *
 * <p>The arena never scans its memory: a block that refers to JVM objects stores handles into
 * {@link #roots()}, which keeps them reachable until the next reset or close.
 */
public sealed interface ArenaAllocator extends Allocator permits BumpArena {
    /** The largest alignment {@link #allocate(long, long, BlockKind)} accepts. */
    long MAX_ALIGNMENT = 4096;

    /** {@return a builder for an arena with the defaults (1 MiB chunks, no limit, confined, RETAIN_CAPACITY)} */
    static ArenaBuilder builder() {
        return new ArenaBuilder();
    }

    /** {@return a new confined arena with the defaults, owned by the calling thread} */
    static ArenaAllocator create() {
        return builder().build();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The segment belongs to this generation: after {@link #reset()} or {@link #close()},
     * access through it throws {@link IllegalStateException}. In a confined arena only the owner
     * thread can access it. {@code kind} does not change where the block goes (the arena never
     * scans memory).
     *
     * @throws IllegalArgumentException if {@code byteSize} is negative or {@code byteAlignment} is
     *                                  not a power of two from 1 to {@value #MAX_ALIGNMENT}
     * @throws AllocationLimitExceededException if the block would take the reserved bytes past the limit
     * @throws dev.arbor.api.AllocationFailedException if the system refuses memory
     * @throws IllegalStateException    if the arena is closed
     * @throws WrongThreadException     if the arena is confined to another thread
     */
    @Override
    MemorySegment allocate(long byteSize, long byteAlignment, BlockKind kind);

    /**
     * {@inheritDoc}
     *
     * <p>A block in a chunk is only counted (its memory comes back at reset); a large block goes
     * back to the system and its segment's lifetime ends (see the class comment).
     *
     * @throws InvalidFreeException  if the segment is on the JVM heap, dates from an earlier
     *                               generation, is not a block of this arena, or is a large block
     *                               that was already freed
     * @throws IllegalStateException if the arena is closed
     * @throws WrongThreadException  if the arena is confined to another thread
     */
    @Override
    void free(MemorySegment block);

    /** Resets with the mode this arena was built with ({@link #resetMode()}). */
    @Override
    void reset();

    /**
     * Invalidates every block at once: ends this generation's segments and values, releases every
     * root and large block, keeps chunks as {@code mode} says, and starts the next generation.
     *
     * @param mode which chunks to keep for the next generation
     * @throws IllegalStateException if the arena is closed
     * @throws WrongThreadException  if the arena is confined to another thread
     */
    void reset(ResetMode mode);

    /**
     * Releases every chunk, large block and root. Closing twice throws, as
     * {@link java.lang.foreign.Arena#close()} does.
     *
     * @throws IllegalStateException         if the arena is already closed
     * @throws WrongThreadException          if the arena is confined to another thread
     * @throws UnsupportedOperationException if this arena is the default allocator
     */
    @Override
    void close();

    /**
     * {@inheritDoc}
     *
     * <p>Details: {@code chunks} (chunks reserved), {@code largeBlocks} (not yet freed),
     * {@code generation}, {@code limit} (0 = none), {@code chunkSize}.
     */
    @Override
    AllocatorStats stats();

    /** {@return the chunks currently reserved from the system (the {@code chunks} detail of {@link #stats()})} */
    default long chunkCount() {
        return stats().detail("chunks");
    }

    /** {@return the large blocks handed out and not yet freed (the {@code largeBlocks} detail of {@link #stats()})} */
    default long largeBlockCount() {
        return stats().detail("largeBlocks");
    }

    /** {@return whether this arena may be used from several threads} */
    boolean isShared();

    /** {@return the size of each chunk, in bytes} */
    long chunkSize();

    /**
     * Requests above this many bytes get their own block.
     *
     * @return the large-block threshold, in bytes
     */
    long largeThreshold();

    /** {@return the most bytes this arena reserves from the system; 0 = no limit} */
    long limit();

    /** {@return what {@link #reset()} keeps} */
    ResetMode resetMode();
}
