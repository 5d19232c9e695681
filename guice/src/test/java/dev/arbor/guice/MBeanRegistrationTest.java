package dev.arbor.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.AllocatorProvider;
import dev.arbor.api.FunctionalAllocator;
import dev.arbor.api.discovery.AllocatorCatalog;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** With registerMBeans(), the allocators an injector creates are on JMX until the injector's are closed. */
class MBeanRegistrationTest {
    /** A provider of allocators that report their close. */
    private record Heap(String name) implements AllocatorProvider {
        @Override
        public String description() {
            return "heap blocks from a function";
        }

        @Override
        public boolean isDefault() {
            return true;
        }

        @Override
        public Set<String> configKeys() {
            return Set.of();
        }

        @Override
        public Allocator create(AllocatorConfig config) {
            return FunctionalAllocator.builder(name)
                    .allocate((bytes, alignment, kind) -> MemorySegment.ofArray(new long[(int) ((bytes + 7) / 8)]).asSlice(0, bytes))
                    .free(block -> { })
                    .build();
        }
    }

    @Test
    void createdAllocatorsAreRegisteredAndUnregisteredWhenClosed() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName query = new ObjectName("dev.arbor:type=Allocator,name=\"guice-jmx\",*");
        Injector injector = Guice.createInjector(ArborModule.builder()
                .catalog(AllocatorCatalog.of(List.of(new Heap("guice-jmx")))).registerMBeans().build());
        assertTrue(server.queryNames(query, null).isEmpty(), "nothing is created before it is injected");

        injector.getInstance(Key.get(Allocator.class, Names.named("guice-jmx")));
        Set<ObjectName> registered = server.queryNames(query, null);
        assertEquals(1, registered.size());
        assertEquals(true, server.getAttribute(registered.iterator().next(), "Open"));

        injector.getInstance(ManagedAllocators.class).close();
        assertFalse(server.isRegistered(registered.iterator().next()), "unregistered when the injector's allocators close");
    }
}
