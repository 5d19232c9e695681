package dev.arbor.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LeakReportTest {

    @Test
    void leakReportNamesTheAllocatingMethodAndTheSizeAndIsPrintedAtClose() {
        DebugAllocator a = DebugAllocator.builder().leakDetection(LeakDetection.EVERY_BLOCK).build();
        long leaked = NativeAllocator.of(a).allocateAddress(40, 8, BlockKind.REFS);
        NativeAllocator.of(a).freeAddress(NativeAllocator.of(a).allocateAddress(24, 8, BlockKind.NOREFS), 24);

        LeakReport report = a.leakReport();
        assertEquals(1, report.blocks().size());
        LeakedBlock block = report.blocks().getFirst();
        assertEquals(leaked, block.address());
        assertEquals(40, block.byteSize());
        assertEquals(BlockKind.REFS, block.kind());
        assertEquals("leakReportNamesTheAllocatingMethodAndTheSizeAndIsPrintedAtClose", block.allocationSite().getFirst().getMethodName());

        String printed = closeCapturingStderr(a);
        assertTrue(printed.contains("1 leaked block (40 bytes)"), printed);
        assertTrue(printed.contains("block 0x" + Long.toHexString(leaked) + ", 40 bytes"), printed);
        assertTrue(printed.contains("at dev.arbor.debug.LeakReportTest.leakReportNamesTheAllocatingMethodAndTheSizeAndIsPrintedAtClose("), printed);
        assertEquals(1, a.stats().detail("leakedBlocks"));
        assertEquals(1, a.leakReport().blocks().size(), "the report taken at close stays available");
    }

    @Test
    void failOnLeakThrowsTheReportAfterFreeingEverything() {
        int regionsBefore = BlockOwners.regionCount();
        DebugAllocator a = DebugAllocator.builder().leakDetection(LeakDetection.EVERY_BLOCK).failOnLeak(true).build();
        NativeAllocator.of(a).allocateAddress(100, 16, BlockKind.NOREFS);
        MemorySegment segment = a.allocate(200, 4096, BlockKind.REFS);
        NativeAllocator.of(a).freeAddress(NativeAllocator.of(a).allocateAddress(8, 8, BlockKind.NOREFS), 8); // quarantined: its tombstone must go too
        assertEquals(regionsBefore + 3, BlockOwners.regionCount());

        LeakDetectedException e = assertThrows(LeakDetectedException.class, a::close);

        assertInstanceOf(IllegalStateException.class, e);
        assertEquals(2, e.report().blocks().size());
        assertEquals(300, e.report().totalBytes());
        assertTrue(e.getMessage().contains("failOnLeakThrowsTheReportAfterFreeingEverything"), e.getMessage());
        assertTrue(e.getMessage().contains("100 bytes") && e.getMessage().contains("200 bytes"), e.getMessage());
        assertEquals(regionsBefore, BlockOwners.regionCount(), "every block and tombstone is unregistered");
        assertFalse(a.isOpen());
        assertEquals(0, a.stats().bytesReserved());
        assertThrows(IllegalStateException.class, () -> segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, a::close, "closing twice throws");
    }

    @Test
    void failOnLeakDoesNotThrowWhenEverythingWasFreed() {
        DebugAllocator a = DebugAllocator.builder().failOnLeak(true).build();
        MemorySegment s = a.allocate(10, 1, BlockKind.NOREFS);
        a.free(s);
        a.close();
        assertTrue(a.leakReport().isEmpty());
        assertEquals(0, a.stats().detail("leakedBlocks"));
    }

    @Test
    void leaksWithoutRecordedSitesSayWhichSettingRecordsThem() {
        DebugAllocator a = DebugAllocator.builder().leakDetection(LeakDetection.OFF).build();
        NativeAllocator.of(a).allocateAddress(8, 8, BlockKind.NOREFS);
        String printed = closeCapturingStderr(a);
        assertTrue(printed.contains("allocation site not recorded"), printed);
        assertTrue(printed.contains("-Darbor.debug.leakDetection=every_block"), printed);
    }

    @Test
    void resetIsNotALeak() {
        DebugAllocator a = DebugAllocator.builder().failOnLeak(true).build();
        NativeAllocator.of(a).allocateAddress(8, 8, BlockKind.NOREFS);
        a.reset();
        a.close();
        assertTrue(a.leakReport().isEmpty());
    }

    private static String closeCapturingStderr(DebugAllocator a) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            a.close();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
