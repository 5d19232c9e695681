package dev.arbor.debug;

import java.lang.StackWalker.StackFrame;
import java.util.List;
import java.util.Set;

/**
 * Where a block was allocated or freed: the caller's stack frames, without Arbor's own frames
 * (allocator, routing heap, collections), so the first frame is the user's code.
 *
 * <p>A frame is Arbor's own when its class lies in one of Arbor's library packages, unless the
 * class is a test ({@code *Test}, {@code *Tests}, {@code *TestCase}, {@code *IT}): Arbor's own
 * tests live in the same packages and are exactly the code a report must name.
 */
final class AllocationSite {
    /** Enough to see through a collection's call chain into user code, small enough to keep many. */
    static final int MAX_FRAMES = 16;

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Set<String> LIBRARY_PACKAGES = Set.of("dev.arbor.api", "dev.arbor.debug", "dev.arbor.collections",
            "dev.arbor.arena", "dev.arbor.counting", "dev.arbor.gc", "dev.arbor.guice");

    private final List<StackTraceElement> frames;

    private AllocationSite(List<StackTraceElement> frames) {
        this.frames = frames;
    }

    /** The current thread's stack, Arbor's frames left out. */
    static AllocationSite capture() {
        return new AllocationSite(WALKER.walk(s -> s.filter(f -> !isArborFrame(f))
                .limit(MAX_FRAMES)
                .map(StackFrame::toStackTraceElement)
                .toList()));
    }

    List<StackTraceElement> frames() {
        return frames;
    }

    /** The frames as a stack trace prints them, one {@code \tat ...} line each. */
    String format() {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : frames) {
            sb.append("\n\tat ").append(e);
        }
        return sb.toString();
    }

    private static boolean isArborFrame(StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        String pkg = type.getPackageName();
        boolean library = false;
        for (String p : LIBRARY_PACKAGES) {
            if (pkg.equals(p) || pkg.startsWith(p + ".")) {
                library = true;
                break;
            }
        }
        if (!library) {
            return false;
        }
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        String name = top.getSimpleName();
        return !(name.endsWith("Test") || name.endsWith("Tests") || name.endsWith("TestCase") || name.endsWith("IT"));
    }
}
