package dev.arbor.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Allocator} contract, once for every implementation: a plugin's test extends this
 * class and says how to make its allocator (Netty's {@code AbstractByteBufTest} pattern).
 */
public abstract class AllocatorContractTest {
    private final List<Allocator> made = new ArrayList<>();

    /** A new, open allocator. */
    protected abstract Allocator create();

    /** The largest alignment the allocator supports. */
    protected long maxAlignment() {
        return 4096;
    }

    /** Whether {@link Allocator#reset()} is supported. */
    protected boolean supportsReset() {
        return true;
    }

    protected final Allocator allocator() {
        Allocator a = create();
        made.add(a);
        return a;
    }

    @AfterEach
    void closeAll() {
        for (Allocator a : made) {
            if (a.isOpen()) {
                a.close();
            }
        }
    }

    @Test
    void blocksHaveTheRequestedSizeAndAlignmentAndNeverOverlap() {
        Allocator a = allocator();
        List<MemorySegment> blocks = new ArrayList<>();
        for (long align = 1; align <= maxAlignment(); align <<= 1) {
            for (long size : new long[] {1, 7, 8, 24, 64, 1000}) {
                MemorySegment s = a.allocate(size, align, BlockKind.NOREFS);
                assertEquals(size, s.byteSize(), "size");
                assertEquals(a.isNative(), s.isNative(), "native blocks come from native allocators only");
                if (s.isNative()) {
                    assertEquals(0, s.address() % align, "alignment " + align);
                } else {
                    assertTrue(s.maxByteAlignment() >= Math.min(align, 8), "heap alignment " + align);
                }
                blocks.add(s);
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).fill((byte) i);
        }
        for (int i = 0; i < blocks.size(); i++) {
            MemorySegment s = blocks.get(i);
            for (long j = 0; j < s.byteSize(); j++) {
                assertEquals((byte) i, s.get(ValueLayout.JAVA_BYTE, j), "block " + i + " was overwritten by another block");
            }
        }
    }

    @Test
    void zeroByteBlocksAreAllowed() {
        assertEquals(0, allocator().allocate(0, 8, BlockKind.REFS).byteSize());
    }

    @Test
    void badArgumentsThrowIllegalArgumentException() {
        Allocator a = allocator();
        assertThrows(IllegalArgumentException.class, () -> a.allocate(-1, 8, BlockKind.NOREFS));
        assertThrows(IllegalArgumentException.class, () -> a.allocate(8, 3, BlockKind.NOREFS));
        assertThrows(IllegalArgumentException.class, () -> a.allocate(8, 0, BlockKind.NOREFS));
    }

    @Test
    void worksAsASegmentAllocator() {
        MemorySegment s = allocator().allocateFrom(ValueLayout.JAVA_LONG, 1L, 2L, 3L);
        assertEquals(3, s.getAtIndex(ValueLayout.JAVA_LONG, 2));
        assertEquals(24, s.byteSize());
    }

    @Test
    void statsCountBlocks() {
        Allocator a = allocator();
        long before = a.stats().blocksAllocated();
        a.allocate(64, 8, BlockKind.NOREFS);
        a.allocate(64, 8, BlockKind.REFS);
        assertEquals(before + 2, a.stats().blocksAllocated());
        assertEquals(a.name(), a.stats().allocator());
    }

    @Test
    void closeTwiceThrowsAndAClosedAllocatorRefusesWork() {
        Allocator a = allocator();
        a.allocate(16, 8, BlockKind.NOREFS);
        a.close();
        assertFalse(a.isOpen());
        assertThrows(IllegalStateException.class, a::close);
        assertThrows(IllegalStateException.class, () -> a.allocate(16, 8, BlockKind.NOREFS));
        a.stats();
        a.name();
    }

    @Test
    void closeRunsEachOnCloseActionOnceIfTheAllocatorReportsItsClose() {
        Allocator a = allocator();
        AtomicInteger runs = new AtomicInteger();
        try {
            a.onClose(runs::incrementAndGet);
        } catch (UnsupportedOperationException notReported) {
            return;
        }
        assertEquals(0, runs.get());
        a.close();
        assertEquals(1, runs.get(), "the action runs once, at close");
        assertThrows(IllegalStateException.class, () -> a.onClose(() -> { }), "a closed allocator takes no more actions");
        assertEquals(1, runs.get());
    }

    @Test
    void closeAdvancesTheGenerationOfANativeAllocator() {
        Allocator a = allocator();
        long generation = a.generation();
        a.close();
        if (a.isNative()) {
            assertTrue(a.generation() > generation,
                    "native values check the generation alone, per element: close must change it as reset does");
        }
    }

    @Test
    void resetInvalidatesEarlierSegmentsAndAllowsNewOnes() {
        Allocator a = allocator();
        if (!supportsReset()) {
            assertThrows(UnsupportedOperationException.class, a::reset);
            return;
        }
        MemorySegment old = a.allocate(64, 8, BlockKind.NOREFS);
        long generation = a.generation();
        a.reset();
        assertEquals(generation + 1, a.generation());
        assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_LONG, 0),
                "a segment from before the reset must not read reused memory");
        MemorySegment fresh = a.allocate(64, 8, BlockKind.NOREFS);
        fresh.set(ValueLayout.JAVA_LONG, 0, 42);
        assertEquals(42, fresh.get(ValueLayout.JAVA_LONG, 0));
    }

    @Test
    void anAllocatorThatServesTheAddressPathIsNativeAndNotPublic() {
        Allocator allocator = allocator();
        if (!(allocator instanceof NativeAllocator a)) {
            // A plugin outside Arbor hands out segments only (native or not); collections then make JVM-object nodes.
            assertThrows(UnsupportedOperationException.class, () -> NativeAllocator.of(allocator));
            return;
        }
        assertTrue(a.isNative(), "the address path serves native memory");
        assertFalse(Modifier.isPublic(a.getClass().getModifiers()),
                "the address path is internal: a class that implements it must not be public");
        long address = a.allocateAddress(64, 64, BlockKind.NOREFS);
        assertEquals(0, address % 64);
        assertEquals(a, dev.arbor.api.heap.RoutingHeap.ownerOf(address));
        a.freeAddress(address, 64);
    }

    @Test
    void aNativeAllocatorsWindowShowsItsGenerationAndEndsWithIt() {
        if (!(allocator() instanceof NativeAllocator a)) {
            return;
        }
        NativeMemory.Window window = a.accessWindow();
        assertSame(window, a.accessWindow(), "one window per generation");
        assertEquals(a.generation(), window.generation());
        long address = a.allocateAddress(16, 8, BlockKind.NOREFS);
        window.putLong(address, 42);
        assertEquals(42, window.getLong(address));
        if (supportsReset()) {
            a.reset();
            assertFalse(window.isAlive(), "reset ends the generation's window before its memory is reused");
            if (window.owner() == null) {
                // A confined window lets its owner through unchecked (the values check the generation).
                assertThrows(IllegalStateException.class, () -> window.getLong(address));
            }
            NativeMemory.Window next = a.accessWindow();
            assertEquals(a.generation(), next.generation());
            assertTrue(next.isAlive());
        }
        NativeMemory.Window last = a.accessWindow();
        a.close();
        assertFalse(last.isAlive(), "close ends the window before the memory goes back to the system");
        assertThrows(IllegalStateException.class, a::accessWindow);
    }
}
