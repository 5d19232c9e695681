/** The default allocator: JVM heap memory, the root registry, JVM GC statistics. */
module dev.arbor.gc {
    requires transitive dev.arbor.api;
    requires java.management;

    exports dev.arbor.gc;

    provides dev.arbor.api.AllocatorProvider with dev.arbor.gc.GcProvider;
    provides dev.arbor.api.roots.RootRegistry with dev.arbor.gc.GcRootRegistry;
}
