package dev.arbor.collections.vector;

/**
 * The result register of trie operations: one node reference as an {@code (Object, long)} pair
 * (managed nodes use {@link #obj}, native nodes {@link #addr}). Java returns one value, so an
 * operation that makes a node writes it here; one register serves a whole operation.
 */
final class Ref {
    Object obj;
    long addr;

    void set(Object obj, long addr) {
        this.obj = obj;
        this.addr = addr;
    }
}
