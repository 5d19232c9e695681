package dev.arbor.api.memory;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;

/**
 * The address-level side of a native allocator, for Arbor's own modules: collections allocate
 * and free their nodes by raw address, which must not cost a {@link java.lang.foreign.MemorySegment}
 * per node, and read them through the generation's {@linkplain #accessWindow() window}.
 *
 * <p>A raw address carries no lifetime: a late free of an address the system has since handed out
 * again frees the block that now lives there. That is why these methods live here, in a package
 * exported only to Arbor's modules, and why every class implementing this interface is not
 * public: host code allocates and frees through {@link Allocator#allocate} and
 * {@link Allocator#free}, whose segments are checked.
 */
public interface NativeAllocator extends Allocator {

    /**
     * Allocates a block and returns its address.
     *
     * @param byteSize      bytes, zero or more
     * @param byteAlignment a power of two
     * @param kind          whether the block may hold root handles
     * @return the block's first address
     * @see Allocator#allocate(long, long, BlockKind) for the failures
     */
    long allocateAddress(long byteSize, long byteAlignment, BlockKind kind);

    /**
     * Returns the block at {@code address} of {@code byteSize} bytes.
     *
     * @param address  the block's first address, as {@link #allocateAddress} returned it
     * @param byteSize the size the block was allocated with
     * @see Allocator#free(java.lang.foreign.MemorySegment) for the failures
     */
    void freeAddress(long address, long byteSize);

    /**
     * The window through which collections read and write the blocks of this allocator's current
     * generation. Every access through it throws once the generation ends ({@link #reset()} or
     * {@link #close()}): {@link IllegalStateException}, on every thread, atomically with accesses
     * in flight. If this allocator is confined to a thread, so is the window: another thread gets
     * {@link WrongThreadException}. The allocator closes the window before it frees or reuses the
     * generation's memory, and hands out one window per generation.
     *
     * @return the current generation's window
     * @throws IllegalStateException if the allocator is closed
     * @throws WrongThreadException  if the allocator is confined to another thread
     */
    NativeMemory.Window accessWindow();

    /** {@return {@code true}: blocks are native memory} */
    @Override
    default boolean isNative() {
        return true;
    }

    /**
     * {@code allocator} as a native allocator.
     *
     * @param allocator any allocator
     * @return {@code allocator} itself, if it is a native allocator
     * @throws UnsupportedOperationException if it hands out JVM heap memory
     */
    static NativeAllocator of(Allocator allocator) {
        if (allocator instanceof NativeAllocator n) {
            return n;
        }
        throw new UnsupportedOperationException("allocator '" + allocator.name()
                + "' hands out JVM heap memory, not native addresses; use a native allocator such as an arena");
    }
}
