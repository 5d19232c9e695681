package dev.arbor.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.BlockKind;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AllocatorConfigTest {
    @Test
    void byteSizesAcceptSuffixes() {
        AllocatorConfig c = AllocatorConfig.of("a", "4096", "b", "64k", "c", "16M", "d", "2g");
        assertEquals(4096, c.getBytes("a", 0));
        assertEquals(64 * 1024, c.getBytes("b", 0));
        assertEquals(16L << 20, c.getBytes("c", 0));
        assertEquals(2L << 30, c.getBytes("d", 0));
        assertEquals(7, c.getBytes("missing", 7));
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        AllocatorConfig c = AllocatorConfig.of("chunkSize", "lots", "shared", "maybe", "kind", "x");
        var e = assertThrows(IllegalArgumentException.class, () -> c.getBytes("chunkSize", 0));
        assertTrue(e.getMessage().contains("chunkSize") && e.getMessage().contains("lots"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.getBoolean("shared", false));
        assertThrows(IllegalArgumentException.class, () -> c.getEnum("kind", BlockKind.class, BlockKind.REFS));
        assertThrows(IllegalArgumentException.class, () -> AllocatorConfig.of("odd"));
    }

    @Test
    void systemPropertiesAreScopedByAllocatorName() {
        Properties p = new Properties();
        p.setProperty("arbor.arena.chunkSize", "1m");
        p.setProperty("arbor.debug.leakDetection", "every_block");
        AllocatorConfig arena = AllocatorConfig.fromProperties(p, "arena");
        assertEquals(1L << 20, arena.getBytes("chunkSize", 0));
        assertEquals(1, arena.asMap().size());
        assertEquals(BlockKind.NOREFS, AllocatorConfig.of("k", "norefs").getEnum("k", BlockKind.class, BlockKind.REFS));
        assertEquals("2", arena.with("limit", "2").with(AllocatorConfig.of("x", "y")).getString("limit", null));
    }
}
