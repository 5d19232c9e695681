package dev.arbor.api.functional;

import dev.arbor.api.Allocator;
import dev.arbor.api.FunctionalAllocator;
import dev.arbor.api.contract.AllocatorContractTest;
import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicReference;

/** The contract for an allocator made of functions over a JDK arena that a reset replaces. */
class NativeFunctionalContractTest extends AllocatorContractTest {
    @Override
    protected Allocator create() {
        AtomicReference<Arena> arena = new AtomicReference<>(Arena.ofShared());
        return FunctionalAllocator.builder("jdk-arena")
                .nativeSegments(true)
                .allocate((bytes, alignment, kind) -> arena.get().allocate(bytes, alignment))
                .free(block -> { })
                .reset(() -> arena.getAndSet(Arena.ofShared()).close())
                .onClose(() -> arena.get().close())
                .build();
    }
}
