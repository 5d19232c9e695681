/**
 * Arbor's allocator SPI: discovery, the current-allocator scope, the routing heap, the
 * root-registration hook, stats and exceptions. Raw native access ({@code dev.arbor.api.memory})
 * is exported only to Arbor's own modules; grant native access to this module alone
 * ({@code --enable-native-access=dev.arbor.api}).
 */
@SuppressWarnings({"module", "exports"}) // qualified exports name modules built after this one
module dev.arbor.api {
    requires transitive java.management; // AllocatorMBeans names MBeans with javax.management.ObjectName

    exports dev.arbor.api;
    exports dev.arbor.api.discovery;
    exports dev.arbor.api.heap;
    exports dev.arbor.api.jmx;
    exports dev.arbor.api.roots;
    exports dev.arbor.api.scope;
    exports dev.arbor.api.memory to dev.arbor.gc, dev.arbor.arena, dev.arbor.counting, dev.arbor.debug, dev.arbor.collections;

    uses dev.arbor.api.AllocatorProvider;
    uses dev.arbor.api.roots.RootRegistry;
}
