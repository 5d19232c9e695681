/**
 * Arbor's persistent collections: vector, map and set with transients and codecs. The node
 * formats ({@code dev.arbor.collections.node}) are not exported.
 */
module dev.arbor.collections {
    requires transitive dev.arbor.api;

    exports dev.arbor.collections;
    exports dev.arbor.collections.champ;
    exports dev.arbor.collections.codec;
    exports dev.arbor.collections.vector;
}
