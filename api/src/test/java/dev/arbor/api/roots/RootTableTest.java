package dev.arbor.api.roots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

class RootTableTest {

    @Test
    void aRegisteredObjectResolvesFromItsHandle() {
        RootTable table = new RootTable("t", RootRegistry.NOOP);
        Object o = new Object();
        long handle = table.register(o);
        assertNotEquals(0, handle, "0 stands for no object");
        assertSame(o, table.resolve(handle));
        assertEquals(1, table.size());
    }

    @Test
    void manyRootsAcrossPagesResolve() {
        RootTable table = new RootTable("t", RootRegistry.NOOP);
        long[] handles = new long[50_000];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = table.register(Integer.valueOf(i));
        }
        for (int i = 0; i < handles.length; i++) {
            assertEquals(i, table.resolve(handles[i]));
        }
        assertEquals(handles.length, table.size());
    }

    @Test
    void releasedSlotsAreReusedAndReleasedHandlesRefused() {
        RootTable table = new RootTable("t", RootRegistry.NOOP);
        long h = table.register("x");
        table.release(h);
        assertEquals(0, table.size());
        assertThrows(IllegalArgumentException.class, () -> table.resolve(h));
        assertThrows(IllegalArgumentException.class, () -> table.release(h), "releasing twice");
        long h2 = table.register("y");
        assertEquals("y", table.resolve(h2));
    }

    @Test
    void handlesFromBeforeReleaseAllAreRefused() {
        RootTable table = new RootTable("t", RootRegistry.NOOP);
        long h = table.register("x");
        table.releaseAll();
        long h2 = table.register("y");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.resolve(h));
        assertEquals("y", table.resolve(h2));
        assertNotEquals(h, h2);
        assertEquals(true, e.getMessage().contains("before a reset"), e.getMessage());
    }

    @Test
    void handlesArePositiveAcrossManyEpochsSoFormatsCanTagThem() {
        RootTable table = new RootTable("t", RootRegistry.NOOP);
        for (int epoch = 0; epoch < (1 << 23) + 5; epoch += 1) {
            if (epoch % 100_000 == 0 || epoch > (1 << 23) - 3) {
                long h = table.register("x");
                assertEquals(true, h > 0, "handle " + Long.toHexString(h) + " at epoch " + epoch);
                assertEquals("x", table.resolve(h));
            }
            table.releaseAll();
        }
    }

    @Test
    void rootsKeepObjectsAliveUntilReleased() throws InterruptedException {
        RootTable table = new RootTable("t", RootRegistry.NOOP);
        long handle = table.register(new byte[1024]);
        WeakReference<Object> ref = new WeakReference<>(table.resolve(handle));
        forceCollections();
        assertSame(table.resolve(handle), ref.get(), "a rooted object must survive collections");
        table.release(handle);
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            forceCollections();
        }
        assertNull(ref.get(), "a released root must become collectable");
    }

    @Test
    void closeUnregistersFromTheRegistryAndRefusesWork() {
        int[] registered = {0};
        RootRegistry registry = new RootRegistry() {
            @Override
            public void register(RootTable table) {
                registered[0]++;
            }

            @Override
            public void unregister(RootTable table) {
                registered[0]--;
            }
        };
        RootTable table = new RootTable("t", registry);
        assertEquals(1, registered[0]);
        table.close();
        table.close();
        assertEquals(0, registered[0]);
        assertThrows(IllegalStateException.class, () -> table.register("x"));
    }

    static void forceCollections() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(5);
        }
    }
}
