package dev.arbor.collections.vector;

import dev.arbor.collections.node.NodeLog;

/**
 * The result register of trie operations: one node reference as an {@code (Object, long)} pair
 * (managed nodes use {@link #obj}, native nodes {@link #addr}). Java returns one value, so an
 * operation that makes a node writes it here; one register serves a whole operation. It also logs
 * the native blocks the operation allocates and retires ({@link NodeLog}).
 */
final class Ref extends NodeLog {
    Object obj;
    long addr;

    void set(Object obj, long addr) {
        this.obj = obj;
        this.addr = addr;
    }
}
