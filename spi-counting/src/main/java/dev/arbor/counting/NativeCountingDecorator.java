package dev.arbor.counting;

import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.BlockOwners;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import java.util.Objects;

/**
 * A counter over a native allocator: counts the address-level path too, and stands in front of
 * the delegate in {@link BlockOwners} while open, so frees routed by address reach it first.
 */
final class NativeCountingDecorator extends CountingDecorator implements NativeAllocator {
    private final NativeAllocator nativeDelegate;

    NativeCountingDecorator(NativeAllocator delegate, boolean ownsDelegate, long budgetBytes) {
        super(delegate, ownsDelegate, budgetBytes);
        this.nativeDelegate = delegate;
        BlockOwners.putFace(delegate, this);
    }

    @Override
    public long allocateAddress(long byteSize, long byteAlignment, BlockKind kind) {
        ensureOpen();
        Objects.requireNonNull(kind, "kind");
        charge(byteSize);
        long address;
        try {
            address = nativeDelegate.allocateAddress(byteSize, byteAlignment, kind);
        } catch (RuntimeException | Error e) {
            refund(byteSize);
            throw e;
        }
        count(kind, byteSize);
        return address;
    }

    @Override
    public void freeAddress(long address, long byteSize) {
        ensureOpen();
        nativeDelegate.freeAddress(address, byteSize);
        frees.increment();
        freedBytes.add(byteSize);
    }

    /** The delegate's window: the memory is the delegate's. */
    @Override
    public NativeMemory.Window accessWindow() {
        ensureOpen();
        return nativeDelegate.accessWindow();
    }

    @Override
    void closed() {
        BlockOwners.removeFace(nativeDelegate, this);
    }
}
