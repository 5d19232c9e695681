package dev.arbor.debug;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The debug allocator's JFR events (category "Arbor"): what it refused and what leaked. */
final class DebugEvents {
    private DebugEvents() {
    }

    @Name("dev.arbor.InvalidFree")
    @Label("Invalid Free")
    @Category("Arbor")
    @Description("The debug allocator refused a free: a double free, a stale segment, a wrong size, an interior or a foreign address")
    static final class InvalidFree extends Event {
        @Label("Allocator")
        String allocator;
        @Label("Reason")
        String reason;
        @Label("Address")
        long address;
        @Label("Size")
        @DataAmount
        long bytes;
    }

    @Name("dev.arbor.LeakDetected")
    @Label("Leak Detected")
    @Category("Arbor")
    @Description("The debug allocator was closed with blocks never freed")
    static final class LeakDetected extends Event {
        @Label("Allocator")
        String allocator;
        @Label("Blocks")
        long blocks;
        @Label("Bytes")
        @DataAmount
        long bytes;
    }

    static void invalidFree(String allocator, String reason, long address, long bytes) {
        InvalidFree e = new InvalidFree();
        if (e.shouldCommit()) {
            e.allocator = allocator;
            e.reason = reason;
            e.address = address;
            e.bytes = bytes;
            e.commit();
        }
    }

    static void leakDetected(String allocator, long blocks, long bytes) {
        LeakDetected e = new LeakDetected();
        if (e.shouldCommit()) {
            e.allocator = allocator;
            e.blocks = blocks;
            e.bytes = bytes;
            e.commit();
        }
    }
}
