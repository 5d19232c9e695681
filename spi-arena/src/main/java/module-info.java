/** The arena allocator: native memory bump-allocated in chunks and freed all at once by reset. */
module dev.arbor.arena {
    requires transitive dev.arbor.api;
    requires jdk.jfr;

    exports dev.arbor.arena;

    provides dev.arbor.api.AllocatorProvider with dev.arbor.arena.ArenaProvider;
}
