package dev.arbor.collections.champ;

/**
 * The one entry a removal left in a sub-trie, carried up to the ancestor that inlines it
 * (canonical form, see {@link ChampTrie}) instead of as a node. An object of its own, made only
 * by operations that carry, so that the register every persistent put allocates stays small.
 */
final class CarriedEntry {
    long keyWord;
    Object keyRef;
    long valueWord;
    Object valueRef;

    void set(long kw, Object kr, long vw, Object vr) {
        keyWord = kw;
        keyRef = kr;
        valueWord = vw;
        valueRef = vr;
    }
}
