package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.collections.codec.Codec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Inputs of the difference and intersection tests (random models in a hash scenario, the sets
 * they make, the argument sets) and the shape check every result must pass.
 */
final class FilterCases {
    private FilterCases() {
    }

    /** {@code size} distinct keys, ids drawn from {@code [0, 2 * size + 2)}. */
    static Set<Key> keys(HashScenario scenario, int size, Random rnd) {
        Set<Key> keys = new HashSet<>();
        while (keys.size() < size) {
            keys.add(scenario.key(rnd.nextInt(2 * size + 2)));
        }
        return keys;
    }

    /** {@code size} entries, keys as {@link #keys}, values from 0 to 4. */
    static Map<Key, Long> entries(HashScenario scenario, int size, Random rnd) {
        Map<Key, Long> entries = new HashMap<>();
        while (entries.size() < size) {
            entries.put(scenario.key(rnd.nextInt(2 * size + 2)), (long) rnd.nextInt(5));
        }
        return entries;
    }

    /** A set of {@code model}, element by element. */
    static PersistentSet<Key> setOf(Set<Key> model) {
        PersistentSet<Key> s = PersistentSet.empty(Codec.object());
        for (Key k : model) {
            s = s.plus(k);
        }
        return s;
    }

    /**
     * The argument set, its elements added to {@code rightModel}: unrelated (kind 0), made from
     * {@code left} by removals and additions so that the tries share nodes (1), empty (2),
     * {@code left} itself (3), or small (4). Ids overlap the left set's about half the time: equal
     * keys, as fresh {@link Key} objects.
     */
    static PersistentSet<Key> otherSide(HashScenario scenario, PersistentSet<Key> left, Set<Key> rightModel,
                                        int size, int kind, Random rnd) {
        PersistentSet<Key> right = kind == 1 || kind == 3 ? left : PersistentSet.empty(Codec.object());
        if (kind == 1 || kind == 3) {
            rightModel.addAll(left);
        }
        int changes = switch (kind) {
            case 0 -> rnd.nextInt(2 * size + 2);
            case 1 -> 1 + size / 10;
            case 4 -> 3;
            default -> 0;
        };
        for (int i = 0; i < changes; i++) {
            Key k = scenario.key(rnd.nextInt(2 * size + 2));
            if (kind == 1 && rnd.nextBoolean()) {
                right = right.minus(k);
                rightModel.remove(k);
            } else {
                right = right.plus(k);
                rightModel.add(k);
            }
        }
        return right;
    }

    /** CHAMP's invariants hold in {@code result} and it has the shape of the same elements put one by one. */
    static void assertCanonical(PersistentSet<Key> result, Set<Key> model, String msg) {
        TrieShape.of(result);
        PersistentSet<Key> canonical = setOf(model);
        assertTrue(result.trie.sameEntries(result.root, result.rootAddr,
                canonical.trie, canonical.root, canonical.rootAddr, 0), msg + "not the canonical shape");
    }

    /** CHAMP's invariants hold in {@code result} and it has the shape of the same entries put one by one. */
    static void assertCanonical(PersistentMap<Key, Long> result, Map<Key, Long> model, String msg) {
        TrieShape.of(result);
        PersistentMap<Key, Long> canonical = PersistentMap.<Key, Long>of().plusAll(model);
        assertTrue(result.trie.sameEntries(result.root, result.rootAddr,
                canonical.trie, canonical.root, canonical.rootAddr, 0), msg + "not the canonical shape");
    }
}
