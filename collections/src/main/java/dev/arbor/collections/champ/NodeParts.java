package dev.arbor.collections.champ;

/**
 * The entries and children of a bitmap node an operation assembles place by place, in bit order,
 * before {@link ChampTrie#build} makes the node at its final size: a union ({@link TrieUnion})
 * or a difference ({@link TrieFilter}) learns what a node holds only after visiting all its
 * places. One per level, reused by every node of that level.
 */
final class NodeParts {
    private static final int WIDTH = ChampTrie.MASK + 1;

    int dataMap;
    int nodeMap;
    int entries;
    int children;
    final long[] kws = new long[WIDTH];
    final Object[] krs = new Object[WIDTH];
    final long[] vws = new long[WIDTH];
    final Object[] vrs = new Object[WIDTH];
    final Object[] cs = new Object[WIDTH];
    final long[] cas = new long[WIDTH];
    /** Each child's words where known ({@link ChampTrie#setChild(Object, long, int, int, Object, long, Object)}), else null. */
    final Object[] cws = new Object[WIDTH];

    void clear() {
        dataMap = 0;
        nodeMap = 0;
        entries = 0;
        children = 0;
    }

    void entry(int bit, long kw, Object kr, long vw, Object vr) {
        dataMap |= bit;
        kws[entries] = kw;
        krs[entries] = kr;
        vws[entries] = vw;
        vrs[entries] = vr;
        entries++;
    }

    void child(int bit, Object c, long ca, Object cw) {
        nodeMap |= bit;
        cs[children] = c;
        cas[children] = ca;
        cws[children] = cw;
        children++;
    }

    /** Per level of a trie, made on first use. */
    static NodeParts at(NodeParts[] scratch, int level) {
        NodeParts p = scratch[level];
        if (p == null) {
            p = new NodeParts();
            scratch[level] = p;
        }
        p.clear();
        return p;
    }
}
