package dev.arbor.api.jmx;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorStats;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Opt-in JMX registration of allocators' statistics with the platform MBean server, under
 * {@code dev.arbor:type=Allocator,name=<allocator name>,id=<n>} ({@code id} tells apart
 * allocators of one name). An MBean is unregistered when its allocator is closed.
 */
public final class AllocatorMBeans {
    private static final AtomicLong IDS = new AtomicLong();

    private AllocatorMBeans() {
    }

    /**
     * Registers an {@link AllocatorMXBean} for {@code allocator} and returns its name; it is
     * unregistered when the allocator is closed.
     *
     * @param allocator the allocator whose statistics the MBean reads
     * @return the MBean's name, unique to this registration
     * @throws UnsupportedOperationException if the allocator does not report its close (see
     *                                       {@link Allocator#onClose}); nothing is registered then
     * @throws IllegalStateException         if the allocator is closed, or JMX refuses the MBean
     */
    public static ObjectName register(Allocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = nameOf(allocator);
        try {
            server.registerMBean(new Bean(allocator), name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the MBean of allocator '" + allocator.name() + "': " + e, e);
        }
        try {
            allocator.onClose(() -> unregister(name));
        } catch (RuntimeException e) {
            unregister(name);
            throw e;
        }
        return name;
    }

    /**
     * Unregisters the MBean {@code name} if it is registered.
     *
     * @param name the name {@link #register} returned
     * @throws IllegalStateException if JMX refuses to unregister it
     */
    public static void unregister(ObjectName name) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (InstanceNotFoundException gone) {
            // Already unregistered: nothing to do.
        } catch (JMException e) {
            throw new IllegalStateException("cannot unregister " + name + ": " + e, e);
        }
    }

    private static ObjectName nameOf(Allocator allocator) {
        try {
            return new ObjectName("dev.arbor:type=Allocator,name=" + ObjectName.quote(allocator.name()) + ",id="
                    + IDS.incrementAndGet());
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("no JMX name for allocator '" + allocator.name() + "': " + e, e);
        }
    }

    private record Bean(Allocator allocator) implements AllocatorMXBean {
        private AllocatorStats stats() {
            return allocator.stats();
        }

        @Override
        public String getName() {
            return allocator.name();
        }

        @Override
        public boolean isOpen() {
            return allocator.isOpen();
        }

        @Override
        public long getBlocksAllocated() {
            return stats().blocksAllocated();
        }

        @Override
        public long getBlocksFreed() {
            return stats().blocksFreed();
        }

        @Override
        public long getBytesAllocated() {
            return stats().bytesAllocated();
        }

        @Override
        public long getBytesInUse() {
            return stats().bytesInUse();
        }

        @Override
        public long getBytesReserved() {
            return stats().bytesReserved();
        }

        @Override
        public long getPeakBytesInUse() {
            return stats().peakBytesInUse();
        }

        @Override
        public long getResets() {
            return stats().resets();
        }

        @Override
        public long getPinnedRoots() {
            return stats().pinnedRoots();
        }

        @Override
        public Map<String, Long> getDetails() {
            return stats().details();
        }
    }
}
