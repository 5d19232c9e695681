package dev.arbor.api.archfixture;

import dev.arbor.api.Allocator;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** Keeps API_DEPENDS_ON_JDK_ONLY: api types and the JDK only. */
public final class ApiUsesJdkOnly {
    private ApiUsesJdkOnly() {
    }

    static List<MemorySegment> two(Allocator allocator) {
        return List.of(allocator.allocate(8, 8), allocator.allocate(8, 8));
    }
}
