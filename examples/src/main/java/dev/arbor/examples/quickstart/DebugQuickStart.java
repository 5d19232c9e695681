package dev.arbor.examples.quickstart;

import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.debug.DebugAllocator;
import dev.arbor.debug.LeakDetection;
import java.lang.foreign.MemorySegment;

public final class DebugQuickStart {
    public static void main(String[] args) {
        try (DebugAllocator debug = DebugAllocator.builder().leakDetection(LeakDetection.EVERY_BLOCK).build()) {
            MemorySegment block = debug.allocate(64, 8, BlockKind.NOREFS);
            debug.free(block);
            try {
                debug.free(block);                        // a double free: refused, nothing changes
            } catch (InvalidFreeException e) {
                System.out.println(e.getMessage());       // names the block, where it was allocated and first freed
            }
        } // close() reports every block never freed (failOnLeak(true) makes that an exception)
    }
}
