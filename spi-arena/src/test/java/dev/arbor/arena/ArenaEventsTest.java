package dev.arbor.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocationLimitExceededException;
import dev.arbor.api.BlockKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The arena's JFR events, recorded in process and read back with their fields. */
class ArenaEventsTest {

    @Test
    void chunksResetsCloseAndTheLimitAreRecordedWithTheirFields() throws IOException {
        Path file = Files.createTempFile("arena-events", ".jfr");
        try (Recording recording = new Recording()) {
            for (String event : List.of("ChunkReserved", "ChunksReleased", "ArenaReset", "ArenaClosed",
                    "AllocationLimitExceeded")) {
                recording.enable("dev.arbor." + event);
            }
            recording.start();
            try (ArenaAllocator arena = ArenaAllocator.builder().name("recorded").chunkSize(4096).largeThreshold(3072).limit(8192).build()) {
                arena.allocate(3000, 8, BlockKind.NOREFS);
                arena.allocate(3000, 8, BlockKind.NOREFS);            // a second chunk
                assertThrows(AllocationLimitExceededException.class, () -> arena.allocate(3000, 8, BlockKind.NOREFS));
                arena.reset(ResetMode.FREE_ALL);
            }
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> "recorded".equals(e.getString("allocator"))).toList();
            List<RecordedEvent> reserved = named(events, "dev.arbor.ChunkReserved");
            assertEquals(2, reserved.size(), events.toString());
            assertEquals(4096, reserved.getFirst().getLong("bytes"));
            assertEquals(8192, reserved.getLast().getLong("reservedBytes"));
            RecordedEvent limit = named(events, "dev.arbor.AllocationLimitExceeded").getFirst();
            assertEquals(3000, limit.getLong("requestedBytes"));
            assertEquals(8192, limit.getLong("limitBytes"));
            RecordedEvent reset = named(events, "dev.arbor.ArenaReset").getFirst();
            assertEquals("FREE_ALL", reset.getString("mode"));
            assertEquals(6000, reset.getLong("bytesInUse"));
            assertEquals(0, reset.getLong("reservedBytes"));
            assertEquals(1, reset.getLong("generation"));
            assertTrue(!reset.getDuration().isNegative());
            RecordedEvent released = named(events, "dev.arbor.ChunksReleased").getFirst();
            assertEquals(2, released.getInt("chunks"));
            assertEquals(8192, released.getLong("bytes"));
            assertEquals(1, named(events, "dev.arbor.ArenaClosed").size());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}
