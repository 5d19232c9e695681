package dev.arbor.arena;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * The arena's JFR events (category "Arbor"). Each is emitted on a path that already talks to the
 * system or throws, never on the bump-allocation fast path; a disabled event costs a check.
 */
final class ArenaEvents {
    private ArenaEvents() {
    }

    @Name("dev.arbor.ChunkReserved")
    @Label("Arena Chunk Reserved")
    @Category("Arbor")
    @Description("An arena obtained a chunk of native memory from the system")
    static final class ChunkReserved extends Event {
        @Label("Allocator")
        String allocator;
        @Label("Chunk Size")
        @DataAmount
        long bytes;
        @Label("Chunk Bytes Reserved After")
        @DataAmount
        long reservedBytes;
    }

    @Name("dev.arbor.ChunksReleased")
    @Label("Arena Chunks Released")
    @Category("Arbor")
    @Description("An arena gave chunks back to the system, at a reset or at close")
    static final class ChunksReleased extends Event {
        @Label("Allocator")
        String allocator;
        @Label("Chunks")
        int chunks;
        @Label("Bytes")
        @DataAmount
        long bytes;
    }

    @Name("dev.arbor.ArenaReset")
    @Label("Arena Reset")
    @Category("Arbor")
    @Description("An arena invalidated every block at once and started a new generation")
    static final class Reset extends Event {
        @Label("Allocator")
        String allocator;
        @Label("Mode")
        String mode;
        @Label("Bytes In Use Before")
        @DataAmount
        long bytesInUse;
        @Label("Reserved After")
        @DataAmount
        long reservedBytes;
        @Label("New Generation")
        long generation;
    }

    @Name("dev.arbor.ArenaClosed")
    @Label("Arena Closed")
    @Category("Arbor")
    @Description("An arena released all its memory and roots")
    static final class Closed extends Event {
        @Label("Allocator")
        String allocator;
        @Label("Bytes In Use Before")
        @DataAmount
        long bytesInUse;
        @Label("Reserved Before")
        @DataAmount
        long reservedBytes;
    }

    @Name("dev.arbor.AllocationLimitExceeded")
    @Label("Allocation Limit Exceeded")
    @Category("Arbor")
    @Description("An allocation was refused because it would take an arena past its byte limit")
    static final class LimitExceeded extends Event {
        @Label("Allocator")
        String allocator;
        @Label("Requested")
        @DataAmount
        long requestedBytes;
        @Label("Reserved")
        @DataAmount
        long reservedBytes;
        @Label("Limit")
        @DataAmount
        long limitBytes;
    }

    static void chunkReserved(String allocator, long bytes, long reservedBytes) {
        ChunkReserved e = new ChunkReserved();
        if (e.shouldCommit()) {
            e.allocator = allocator;
            e.bytes = bytes;
            e.reservedBytes = reservedBytes;
            e.commit();
        }
    }

    static void chunksReleased(String allocator, int chunks, long bytes) {
        ChunksReleased e = new ChunksReleased();
        if (chunks > 0 && e.shouldCommit()) {
            e.allocator = allocator;
            e.chunks = chunks;
            e.bytes = bytes;
            e.commit();
        }
    }

    static void limitExceeded(String allocator, long requested, long reserved, long limit) {
        LimitExceeded e = new LimitExceeded();
        if (e.shouldCommit()) {
            e.allocator = allocator;
            e.requestedBytes = requested;
            e.reservedBytes = reserved;
            e.limitBytes = limit;
            e.commit();
        }
    }
}
