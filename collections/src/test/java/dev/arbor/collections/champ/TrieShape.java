package dev.arbor.collections.champ;

import dev.arbor.collections.node.ManagedBlocks;
import java.util.Objects;

/**
 * Walks a managed trie: checks CHAMP's structural invariants (Capsule's {@code nodeInvariant})
 * and adds up its retained JVM heap size from array lengths.
 */
final class TrieShape {
    long bytes;
    int entries;
    int nodes;
    int collisionNodes;
    int maxDepth;
    /** References to anything but nodes (keys and values held by reference, boxes). */
    int objects;

    private TrieShape() {
    }

    static TrieShape of(PersistentMap<?, ?> m) {
        TrieShape s = new TrieShape();
        s.walk(m.trie, m.root, 0, 0, true);
        if (s.entries != m.size) {
            throw new AssertionError("size " + m.size + " but the trie holds " + s.entries + " entries");
        }
        return s;
    }

    static TrieShape of(PersistentSet<?> set) {
        TrieShape s = new TrieShape();
        s.walk(set.trie, set.root, 0, 0, true);
        if (s.entries != set.size) {
            throw new AssertionError("size " + set.size + " but the trie holds " + s.entries + " entries");
        }
        return s;
    }

    private void walk(ChampTrie t, Object n, int shift, int prefix, boolean isRoot) {
        nodes++;
        maxDepth = Math.max(maxDepth, shift / ChampTrie.BITS);
        if (n instanceof long[] w) {
            bytes += ManagedBlocks.wordArrayBytes(w.length);
        } else {
            Object[] r = (Object[]) n;
            bytes += ManagedBlocks.refArrayBytes(r.length) + ManagedBlocks.wordArrayBytes(((long[]) r[0]).length);
            for (int i = 1; i < r.length; i++) {
                if (!(r[i] instanceof long[]) && !(r[i] instanceof Object[])) {
                    objects++;
                }
            }
        }
        long h = t.header(n, 0);
        int da = ChampTrie.dataArity(h, shift);
        int na = ChampTrie.nodeArity(h, shift);
        int lowMask = shift >= 32 ? -1 : (1 << shift) - 1;
        for (int i = 0; i < da; i++) {
            int kh = t.hash(t.keyWord(n, 0, i), t.kr(n, 0, i));
            if (!t.keyInline && kh != Objects.hashCode(t.kr(n, 0, i))) {
                throw new AssertionError("key " + keyString(t, n, i) + " stored with hash " + kh + ", not its own");
            }
            if ((kh & lowMask) != (prefix & lowMask)) {
                throw new AssertionError("key " + keyString(t, n, i) + " at shift " + shift + " does not match its path");
            }
            if (shift < 32 && (ChampTrie.bit(kh, shift) & ChampTrie.low(h)) == 0) {
                throw new AssertionError("key " + keyString(t, n, i) + " is not in its slot");
            }
        }
        entries += da;
        if (shift >= ChampTrie.HASH_BITS) {
            collisionNodes++;
            if (da < 2) {
                throw new AssertionError("a collision node with " + da + " entries");
            }
            return;
        }
        if (!isRoot && (da + na == 0 || da == 1 && na == 0)) {
            throw new AssertionError("non-canonical node at shift " + shift + ": " + da + " entries, " + na + " children");
        }
        if ((ChampTrie.low(h) & ChampTrie.high(h)) != 0) {
            throw new AssertionError("a slot is both entry and child at shift " + shift);
        }
        int nodeMap = ChampTrie.high(h);
        for (int ci = 0; ci < na; ci++) {
            int bitIndex = nthSetBit(nodeMap, ci);
            walk(t, t.child(n, 0, da, ci), shift + ChampTrie.BITS, prefix | (bitIndex << shift), false);
        }
    }

    private static int nthSetBit(int map, int n) {
        for (int i = 0; i < n; i++) {
            map &= map - 1;
        }
        return Integer.numberOfTrailingZeros(map);
    }

    private static String keyString(ChampTrie t, Object n, int i) {
        return t.keyInline ? Long.toString(t.keyWord(n, 0, i)) : Objects.toString(t.kr(n, 0, i));
    }
}
