/** The debug allocator: checked native memory that reports double frees, leaks and use after free. */
module dev.arbor.debug {
    requires transitive dev.arbor.api;
    requires jdk.jfr;

    exports dev.arbor.debug;

    provides dev.arbor.api.AllocatorProvider with dev.arbor.debug.DebugProvider;
}
