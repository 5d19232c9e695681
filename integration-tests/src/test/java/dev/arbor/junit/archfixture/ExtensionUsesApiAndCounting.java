package dev.arbor.junit.archfixture;

import dev.arbor.api.discovery.Allocators;
import dev.arbor.counting.CountingAllocator;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Keeps JUNIT_DEPENDS_ON_API_COUNTING_AND_JUNIT_ONLY: an extension that counts through the counting allocator's API. */
public final class ExtensionUsesApiAndCounting implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        CountingAllocator.over(Allocators.defaultAllocator());
    }
}
