package dev.arbor.api.memory;

import dev.arbor.api.heap.BlockOwners;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Every read and write of native memory by raw address in Arbor goes through this class; no
 * other class touches addresses (an ArchUnit rule in the integration tests enforces it).
 *
 * <p>Unchecked by default, for speed: a wrong address reads or writes whatever is there. With
 * {@code -Darbor.memory.checked=true} every access is checked against the live blocks of every
 * Arbor allocator ({@link BlockOwners}) and a bad one throws {@link InvalidMemoryAccessException}
 * instead of crashing the JVM; the debug allocator registers each block separately, so checks
 * under it are exact. The flag is read once, so the JIT removes the checks when it is off.
 *
 * <p>System memory comes from the C library's {@code malloc}/{@code free} (through the
 * {@link Linker}), which frees without the thread handshake that closing a shared
 * {@link Arena} costs.
 */
// The one place allowed to use restricted methods (reinterpret, downcalls): the warning is the point of this class.
@SuppressWarnings("restricted")
public final class NativeMemory {
    /** Whether raw accesses are checked against live blocks. */
    public static final boolean CHECKED = Boolean.getBoolean("arbor.memory.checked");

    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final MethodHandle MALLOC;
    private static final MethodHandle FREE;

    static {
        Linker linker = Linker.nativeLinker();
        MALLOC = linker.downcallHandle(linker.defaultLookup().find("malloc").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        FREE = linker.downcallHandle(linker.defaultLookup().find("free").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
    }

    private NativeMemory() {
    }

    /**
     * Obtains {@code bytes} of system memory (aligned to 16), or returns 0 if the system refuses.
     * The caller turns 0 into an exception that names itself.
     */
    public static long reserve(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        try {
            return (long) MALLOC.invokeExact(bytes);
        } catch (Throwable t) {
            throw new AssertionError("malloc failed to link", t);
        }
    }

    /** Returns memory obtained by {@link #reserve}. */
    public static void release(long address) {
        if (address == 0) {
            throw new IllegalArgumentException("cannot release address 0");
        }
        try {
            FREE.invokeExact(address);
        } catch (Throwable t) {
            throw new AssertionError("free failed to link", t);
        }
    }

    /**
     * A segment of {@code bytes} at {@code address} whose lifetime is {@code scope}: once the
     * scope is closed, access through it throws (used to hand out blocks that die at reset).
     */
    public static MemorySegment segment(long address, long bytes, Arena scope) {
        return MemorySegment.ofAddress(address).reinterpret(bytes, scope, null);
    }

    public static long getLong(long address) {
        check(address, Long.BYTES);
        return EVERYTHING.get(LONG, address);
    }

    public static void putLong(long address, long value) {
        check(address, Long.BYTES);
        EVERYTHING.set(LONG, address, value);
    }

    public static int getInt(long address) {
        check(address, Integer.BYTES);
        return EVERYTHING.get(INT, address);
    }

    public static void putInt(long address, int value) {
        check(address, Integer.BYTES);
        EVERYTHING.set(INT, address, value);
    }

    public static double getDouble(long address) {
        check(address, Double.BYTES);
        return EVERYTHING.get(DOUBLE, address);
    }

    public static void putDouble(long address, double value) {
        check(address, Double.BYTES);
        EVERYTHING.set(DOUBLE, address, value);
    }

    public static byte getByte(long address) {
        check(address, 1);
        return EVERYTHING.get(ValueLayout.JAVA_BYTE, address);
    }

    public static void putByte(long address, byte value) {
        check(address, 1);
        EVERYTHING.set(ValueLayout.JAVA_BYTE, address, value);
    }

    /** Sets {@code bytes} bytes from {@code address} to {@code value} (zeroing, poisoning). */
    public static void fill(long address, long bytes, byte value) {
        check(address, bytes);
        EVERYTHING.asSlice(address, bytes).fill(value);
    }

    /** Copies {@code bytes} bytes; the ranges may overlap. */
    public static void copy(long fromAddress, long toAddress, long bytes) {
        check(fromAddress, bytes);
        check(toAddress, bytes);
        MemorySegment.copy(EVERYTHING, fromAddress, EVERYTHING, toAddress, bytes);
    }

    private static void check(long address, long bytes) {
        if (CHECKED && !BlockOwners.isLive(address, bytes)) {
            throw new InvalidMemoryAccessException(address, "raw access to " + bytes + " bytes at 0x" + Long.toHexString(address)
                    + " lies outside every live block: the block was freed, its allocator reset or closed, "
                    + "or the address was never handed out");
        }
    }
}
