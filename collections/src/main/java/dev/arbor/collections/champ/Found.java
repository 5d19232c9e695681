package dev.arbor.collections.champ;

/**
 * Where a lookup found its key: the node holding the entry, as an {@code (Object, long)} pair
 * ({@link ChampTrie#find}). A register of its own rather than an {@link Op}: a lookup logs nothing,
 * and the smaller the code of a lookup, the likelier the JIT inlines it into its caller.
 */
final class Found {
    Object obj;
    /** The node's words, {@link ChampTrie#words}: what {@link ChampTrie#valWordIn} reads. */
    Object words;
    long addr;

    void set(Object obj, Object words, long addr) {
        this.obj = obj;
        this.words = words;
        this.addr = addr;
    }
}
