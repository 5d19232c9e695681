package dev.arbor.collections.champ;

/**
 * Receives the entries of one node in a walk over a trie ({@link ChampTrie#walk}): entries
 * {@code 0..count-1} of the node {@code (n, a)}. One call per node, so a walk pays its per-node
 * work once and reads the entries straight from the node.
 */
@FunctionalInterface
interface NodeVisitor {
    void entries(Object n, long a, int count);
}
