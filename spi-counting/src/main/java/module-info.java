/** The counting allocator: a decorator that counts blocks and bytes, with budgets. */
module dev.arbor.counting {
    requires transitive dev.arbor.api;

    exports dev.arbor.counting;

    provides dev.arbor.api.AllocatorProvider with dev.arbor.counting.CountingProvider;
}
