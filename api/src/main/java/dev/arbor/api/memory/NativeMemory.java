package dev.arbor.api.memory;

import dev.arbor.api.InvalidMemoryAccessException;
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
     *
     * @param bytes the size to obtain, {@code > 0}
     * @return the memory's first address, or 0 if the system refuses
     * @throws IllegalArgumentException if {@code bytes <= 0}
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

    /**
     * Returns memory obtained by {@link #reserve}.
     *
     * @param address an address {@link #reserve} returned, not yet released
     * @throws IllegalArgumentException if {@code address} is 0
     */
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
     * The window through which collections read and write the blocks one allocator hands out in
     * generation {@code generation}: it lives as long as {@code scope}. Closing {@code scope} ends
     * every access through the window on every thread, atomically with accesses in flight (the
     * {@link Arena#close()} contract), so an allocator closes it before it frees or reuses the
     * generation's memory. A confined {@code scope} refuses every thread but {@code owner}.
     *
     * @param scope      the generation's scope
     * @param generation the allocator generation whose memory the window shows
     * @param owner      the thread {@code scope} is confined to, or {@code null} for a shared scope
     * @return a new window
     */
    public static Window window(Arena scope, long generation, Thread owner) {
        return new Window(MemorySegment.NULL.reinterpret(Long.MAX_VALUE, scope, null), generation, owner);
    }

    /**
     * A segment of {@code bytes} at {@code address} whose lifetime is {@code scope}: once the
     * scope is closed, access through it throws (used to hand out blocks that die at reset).
     *
     * @param address the block's first address
     * @param bytes   the block's size
     * @param scope   the block's lifetime
     * @return a segment over the block
     */
    public static MemorySegment segment(long address, long bytes, Arena scope) {
        return MemorySegment.ofAddress(address).reinterpret(bytes, scope, null);
    }

    /**
     * Reads the {@code long} at {@code address} (native byte order, any alignment).
     *
     * @param address the long's first address
     * @return the value read
     * @throws InvalidMemoryAccessException in checked mode, if the 8 bytes lie outside every live block
     */
    public static long getLong(long address) {
        check(address, Long.BYTES);
        return EVERYTHING.get(LONG, address);
    }

    /**
     * Writes {@code value} at {@code address} (native byte order, any alignment).
     *
     * @param address the long's first address
     * @param value   the value to write
     * @throws InvalidMemoryAccessException in checked mode, if the 8 bytes lie outside every live block
     */
    public static void putLong(long address, long value) {
        check(address, Long.BYTES);
        EVERYTHING.set(LONG, address, value);
    }

    /**
     * Reads the {@code int} at {@code address} (native byte order, any alignment).
     *
     * @param address the int's first address
     * @return the value read
     * @throws InvalidMemoryAccessException in checked mode, if the 4 bytes lie outside every live block
     */
    public static int getInt(long address) {
        check(address, Integer.BYTES);
        return EVERYTHING.get(INT, address);
    }

    /**
     * Writes {@code value} at {@code address} (native byte order, any alignment).
     *
     * @param address the int's first address
     * @param value   the value to write
     * @throws InvalidMemoryAccessException in checked mode, if the 4 bytes lie outside every live block
     */
    public static void putInt(long address, int value) {
        check(address, Integer.BYTES);
        EVERYTHING.set(INT, address, value);
    }

    /**
     * Reads the {@code double} at {@code address} (native byte order, any alignment).
     *
     * @param address the double's first address
     * @return the value read
     * @throws InvalidMemoryAccessException in checked mode, if the 8 bytes lie outside every live block
     */
    public static double getDouble(long address) {
        check(address, Double.BYTES);
        return EVERYTHING.get(DOUBLE, address);
    }

    /**
     * Writes {@code value} at {@code address} (native byte order, any alignment).
     *
     * @param address the double's first address
     * @param value   the value to write
     * @throws InvalidMemoryAccessException in checked mode, if the 8 bytes lie outside every live block
     */
    public static void putDouble(long address, double value) {
        check(address, Double.BYTES);
        EVERYTHING.set(DOUBLE, address, value);
    }

    /**
     * Reads the {@code byte} at {@code address}.
     *
     * @param address the byte's address
     * @return the value read
     * @throws InvalidMemoryAccessException in checked mode, if the byte lies outside every live block
     */
    public static byte getByte(long address) {
        check(address, 1);
        return EVERYTHING.get(ValueLayout.JAVA_BYTE, address);
    }

    /**
     * Writes {@code value} at {@code address}.
     *
     * @param address the byte's address
     * @param value   the value to write
     * @throws InvalidMemoryAccessException in checked mode, if the byte lies outside every live block
     */
    public static void putByte(long address, byte value) {
        check(address, 1);
        EVERYTHING.set(ValueLayout.JAVA_BYTE, address, value);
    }

    /**
     * Sets {@code bytes} bytes from {@code address} to {@code value} (zeroing, poisoning).
     *
     * @param address the first address to set
     * @param bytes   how many bytes to set
     * @param value   the byte to write
     * @throws InvalidMemoryAccessException in checked mode, if the range lies outside every live block
     */
    public static void fill(long address, long bytes, byte value) {
        check(address, bytes);
        EVERYTHING.asSlice(address, bytes).fill(value);
    }

    /**
     * Copies {@code bytes} bytes; the ranges may overlap.
     *
     * @param fromAddress the first address to read
     * @param toAddress   the first address to write
     * @param bytes       how many bytes to copy
     * @throws InvalidMemoryAccessException in checked mode, if either range lies outside every live block
     */
    public static void copy(long fromAddress, long toAddress, long bytes) {
        check(fromAddress, bytes);
        check(toAddress, bytes);
        MemorySegment.copy(EVERYTHING, fromAddress, EVERYTHING, toAddress, bytes);
    }

    /**
     * Raw access to the memory of one allocator generation (see {@link #window}). No access
     * through a window reads or writes memory that was released or handed out again:
     * <ul>
     *   <li>Through a <b>shared</b> window every access checks the generation's scope, as a
     *       {@link MemorySegment} of a shared {@link Arena} does: once the generation ends, it
     *       throws {@link IllegalStateException} on every thread, and ending it waits for
     *       accesses in flight.</li>
     *   <li>Through a <b>confined</b> window, another thread's access throws
     *       {@link WrongThreadException} (the scope is confined). The owner thread's accesses are
     *       direct (no check per access, so reads cost what they cost before windows): only the
     *       owner can end the generation, and it cannot do so in the middle of an access; callers
     *       check the generation before each operation and after each call to code not their
     *       own, which is when the owner could have ended it. With
     *       {@code -Darbor.memory.checked=true} the owner's accesses are checked too.</li>
     * </ul>
     */
    public static final class Window {
        /** Every address, for the generation's scope: accesses through it are checked. */
        private final MemorySegment memory;
        private final long generation;
        private final Thread owner;
        /** The thread whose accesses skip the scope's check: the owner, unless checked mode is on. */
        private final Thread direct;

        private Window(MemorySegment memory, long generation, Thread owner) {
            this.memory = memory;
            this.generation = generation;
            this.owner = owner;
            this.direct = CHECKED ? null : owner;
        }

        /** {@return the allocator generation whose memory this window shows} */
        public long generation() {
            return generation;
        }

        /** {@return the one thread allowed through this window, or {@code null} if any thread is} */
        public Thread owner() {
            return owner;
        }

        /** {@return whether the calling thread may access memory through this window} */
        public boolean isAccessibleHere() {
            return owner == null || owner == Thread.currentThread();
        }

        /** {@return whether the generation has not ended yet} */
        public boolean isAlive() {
            return memory.scope().isAlive();
        }

        /**
         * Reads the {@code long} at {@code address} (native byte order, any alignment).
         *
         * @param address the long's first address
         * @return the value read
         * @throws InvalidMemoryAccessException in checked mode, if the 8 bytes lie outside every live block
         */
        public long getLong(long address) {
            check(address, Long.BYTES);
            return direct == Thread.currentThread() ? EVERYTHING.get(LONG, address) : memory.get(LONG, address);
        }

        /**
         * Writes {@code value} at {@code address} (native byte order, any alignment).
         *
         * @param address the long's first address
         * @param value   the value to write
         * @throws InvalidMemoryAccessException in checked mode, if the 8 bytes lie outside every live block
         */
        public void putLong(long address, long value) {
            check(address, Long.BYTES);
            (direct == Thread.currentThread() ? EVERYTHING : memory).set(LONG, address, value);
        }

        /**
         * Sets {@code bytes} bytes from {@code address} to {@code value}.
         *
         * @param address the first address to set
         * @param bytes   how many bytes to set
         * @param value   the byte to write
         * @throws InvalidMemoryAccessException in checked mode, if the range lies outside every live block
         */
        public void fill(long address, long bytes, byte value) {
            check(address, bytes);
            (direct == Thread.currentThread() ? EVERYTHING : memory).asSlice(address, bytes).fill(value);
        }

        /**
         * Copies {@code bytes} bytes within this window; the ranges may overlap.
         *
         * @param fromAddress the first address to read
         * @param toAddress   the first address to write
         * @param bytes       how many bytes to copy
         * @throws InvalidMemoryAccessException in checked mode, if either range lies outside every live block
         */
        public void copy(long fromAddress, long toAddress, long bytes) {
            check(fromAddress, bytes);
            check(toAddress, bytes);
            MemorySegment m = direct == Thread.currentThread() ? EVERYTHING : memory;
            MemorySegment.copy(m, fromAddress, m, toAddress, bytes);
        }

        @Override
        public String toString() {
            return "NativeMemory.Window[generation " + generation + (owner == null ? ", shared" : ", confined to " + owner)
                    + (isAlive() ? "" : ", closed") + "]";
        }
    }

    private static void check(long address, long bytes) {
        if (CHECKED && !BlockOwners.isLive(address, bytes)) {
            throw new InvalidMemoryAccessException(address, "raw access to " + bytes + " bytes at 0x" + Long.toHexString(address)
                    + " lies outside every live block: the block was freed, its allocator reset or closed, "
                    + "or the address was never handed out");
        }
    }
}
