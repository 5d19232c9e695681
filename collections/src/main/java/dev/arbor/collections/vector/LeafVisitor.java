package dev.arbor.collections.vector;

/**
 * Receives the leaves of a vector in order in a walk ({@link VectorTrie#walkLeaves}): elements
 * {@code from..to-1} of the leaf {@code (leaf, a)}. A visitor that runs user code on a native
 * vector must check liveness ({@link VectorTrie#checkLive}) after it: the walk reads the branch
 * nodes again when the visitor returns.
 */
@FunctionalInterface
interface LeafVisitor {
    void leaf(Object leaf, long a, int from, int to);
}
