package dev.arbor.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The debug allocator's JFR events, recorded in process and read back with their fields. */
class DebugEventsTest {

    @Test
    void aDoubleFreeAWrongSizeAndALeakAreRecorded() throws IOException {
        Path file = Files.createTempFile("debug-events", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.arbor.InvalidFree");
            recording.enable("dev.arbor.LeakDetected");
            recording.start();
            DebugAllocator debug = DebugAllocator.builder().leakDetection(LeakDetection.OFF).failOnLeak(true).build();
            MemorySegment freed = debug.allocate(48, 8, BlockKind.NOREFS);
            debug.free(freed);
            assertThrows(InvalidFreeException.class, () -> debug.free(freed));
            MemorySegment kept = debug.allocate(64, 8, BlockKind.NOREFS);
            assertThrows(InvalidFreeException.class, () -> debug.free(kept.asSlice(0, 32)));
            debug.allocate(16, 8, BlockKind.REFS);
            assertThrows(LeakDetectedException.class, debug::close); // two blocks never freed, and an event
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith("dev.arbor.")).toList();
            List<RecordedEvent> invalid = events.stream().filter(e -> e.getEventType().getName().equals("dev.arbor.InvalidFree")).toList();
            assertEquals(List.of("double free", "wrong size"), invalid.stream().map(e -> e.getString("reason")).toList());
            assertEquals(freed.address(), invalid.getFirst().getLong("address"));
            assertEquals(48, invalid.getFirst().getLong("bytes"));
            RecordedEvent leak = events.stream().filter(e -> e.getEventType().getName().equals("dev.arbor.LeakDetected"))
                    .findFirst().orElseThrow();
            assertEquals(2, leak.getLong("blocks"));
            assertEquals(80, leak.getLong("bytes"));
            assertEquals("debug", leak.getString("allocator"));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
