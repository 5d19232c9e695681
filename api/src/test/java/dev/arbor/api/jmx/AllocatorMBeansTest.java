package dev.arbor.api.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.FunctionalAllocator;
import dev.arbor.api.TestAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** An allocator's MBean on the platform MBean server: its attributes, and its removal at close. */
class AllocatorMBeansTest {
    private static Allocator heapAllocator(String name) {
        return FunctionalAllocator.builder(name)
                .allocate((bytes, alignment, kind) -> MemorySegment.ofArray(new long[(int) ((bytes + 7) / 8)]).asSlice(0, bytes))
                .free(block -> { })
                .build();
    }

    @Test
    void theMBeanReadsTheStatisticsAndIsUnregisteredWhenTheAllocatorCloses() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Allocator a = heapAllocator("jmx-test");
        ObjectName name = AllocatorMBeans.register(a);
        assertEquals("dev.arbor", name.getDomain());
        assertEquals("Allocator", name.getKeyProperty("type"));
        a.allocate(40, 8, BlockKind.NOREFS);
        a.free(a.allocate(8, 8, BlockKind.NOREFS));
        assertEquals(2L, server.getAttribute(name, "BlocksAllocated"));
        assertEquals(1L, server.getAttribute(name, "BlocksFreed"));
        assertEquals(48L, server.getAttribute(name, "BytesAllocated"));
        assertEquals("jmx-test", server.getAttribute(name, "Name"));
        assertEquals(true, server.getAttribute(name, "Open"));
        a.close();
        assertFalse(server.isRegistered(name), "unregistered at close");
    }

    @Test
    void twoAllocatorsOfOneNameGetTwoMBeans() {
        Allocator a = heapAllocator("twin");
        Allocator b = heapAllocator("twin");
        ObjectName first = AllocatorMBeans.register(a);
        ObjectName second = AllocatorMBeans.register(b);
        assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(first));
        assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(second));
        a.close();
        b.close();
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(second));
    }

    @Test
    void anAllocatorThatDoesNotReportItsCloseIsNotRegistered() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        int before = server.queryNames(new ObjectName("dev.arbor:type=Allocator,*"), null).size();
        assertThrows(UnsupportedOperationException.class, () -> AllocatorMBeans.register(new TestAllocator("silent")));
        assertEquals(before, server.queryNames(new ObjectName("dev.arbor:type=Allocator,*"), null).size());
    }
}
