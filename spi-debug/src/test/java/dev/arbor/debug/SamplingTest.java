package dev.arbor.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.NativeAllocator;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void sampledRecordsAboutOneSiteInSampleInterval() {
        int blocks = 3200;
        try (DebugAllocator a = DebugAllocator.builder().leakDetection(LeakDetection.SAMPLED).sampleInterval(32).build()) {
            long[] addresses = new long[blocks];
            for (int i = 0; i < blocks; i++) {
                addresses[i] = NativeAllocator.of(a).allocateAddress(8, 8, BlockKind.NOREFS);
            }
            long recorded = a.stats().detail("sitesRecorded");
            // expected 100; a binomial(3200, 1/32) falls outside 40..180 with probability far below 1e-9
            assertTrue(recorded >= 40 && recorded <= 180, "recorded " + recorded + " sites of " + blocks);
            assertEquals(recorded, a.leakReport().blocks().stream().filter(LeakedBlock::siteRecorded).count());
            for (long address : addresses) {
                NativeAllocator.of(a).freeAddress(address, 8);
            }
        }
    }

    @Test
    void sampleIntervalOneRecordsEveryBlock() {
        try (DebugAllocator a = DebugAllocator.builder().sampleInterval(1).build()) {
            for (int i = 0; i < 10; i++) {
                NativeAllocator.of(a).freeAddress(NativeAllocator.of(a).allocateAddress(8, 8, BlockKind.NOREFS), 8);
            }
            assertEquals(10, a.stats().detail("sitesRecorded"));
        }
    }

    @Test
    void offRecordsNoSiteAndTheReportNamesTheSetting() {
        DebugAllocator a = DebugAllocator.builder().leakDetection(LeakDetection.OFF).build();
        for (int i = 0; i < 200; i++) {
            NativeAllocator.of(a).allocateAddress(8, 8, BlockKind.NOREFS);
        }
        assertEquals(0, a.stats().detail("sitesRecorded"));
        LeakReport report = a.leakReport();
        assertEquals(200, report.blocks().size());
        assertTrue(report.blocks().stream().noneMatch(LeakedBlock::siteRecorded));
        assertTrue(report.toString().contains("leakDetection=OFF"), report.toString());
        assertTrue(report.toString().contains("leakDetection=EVERY_BLOCK"), report.toString());
        a.reset();
        a.close();
    }

    @Test
    void everyBlockRecordsEverySite() {
        try (DebugAllocator a = DebugAllocator.builder().leakDetection(LeakDetection.EVERY_BLOCK).build()) {
            for (int i = 0; i < 50; i++) {
                a.free(a.allocate(8, 8, BlockKind.NOREFS));
            }
            assertEquals(50, a.stats().detail("sitesRecorded"));
        }
    }
}
