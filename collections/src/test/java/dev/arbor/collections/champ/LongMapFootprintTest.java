package dev.arbor.collections.champ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.collections.codec.Codec;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JVM heap a {@code long -> long} map retains per entry, measured deterministically: the trie
 * is walked and every node's arrays are sized from their lengths (16-byte array header, 8 bytes per
 * {@code long}, 4 per compressed reference, 8-byte alignment: {@code ManagedBlocks}). Nothing else
 * is reachable from the nodes: keys and values are words, not boxes.
 *
 * <p>The same method applied to {@code HashMap<Long, Long>} gives 32 bytes per {@code Node}, 16 per
 * {@code Long} key, 16 per {@code Long} value (outside the small-value cache) and 4-8 of table:
 * 68-72 bytes per entry.
 */
class LongMapFootprintTest {

    @ParameterizedTest(name = "{0} random keys")
    @ValueSource(ints = {1_000, 30_000, 100_000, 1_000_000})
    void aLongToLongMapRetainsAtMost32BytesPerEntry(int n) {
        Random rnd = new Random(n);
        TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        while (t.size() < n) {
            t.putLong(rnd.nextLong(), rnd.nextLong());
        }
        PersistentMap<Long, Long> m = t.persistent();
        TrieShape shape = TrieShape.of(m);
        double perEntry = (double) shape.bytes / n;
        System.out.printf("long->long map of %,d random keys: %,d bytes in %,d nodes, %.1f bytes/entry%n",
                n, shape.bytes, shape.nodes, perEntry);
        assertTrue(perEntry <= 32, "expected <= 32 bytes per entry, measured " + perEntry);
        assertEquals(0, shape.objects, "a long -> long map refers to nothing but its own nodes: no boxes");
    }

    @ParameterizedTest(name = "{0} sequential keys")
    @ValueSource(ints = {1_000, 100_000})
    void sequentialKeysAreAsCompact(int n) {
        PersistentMap<Long, Long> m = PersistentMap.empty(Codec.LONG, Codec.LONG);
        TransientMap<Long, Long> t = m.asTransient();
        for (long k = 0; k < n; k++) {
            t.putLong(k, k * 3);
        }
        PersistentMap<Long, Long> built = t.persistent();
        TrieShape shape = TrieShape.of(built);
        TrieShape boxed = TrieShape.of(PersistentMap.copyOf(built));
        assertEquals(2 * n, boxed.objects, "the same map of objects holds a box per key and per value");
        assertEquals(0, shape.objects, "no boxes in the long -> long map");
        double perEntry = (double) shape.bytes / n;
        System.out.printf("long->long map of %,d sequential keys: %,d bytes in %,d nodes, %.1f bytes/entry%n",
                n, shape.bytes, shape.nodes, perEntry);
        assertTrue(perEntry <= 32, "expected <= 32 bytes per entry, measured " + perEntry);
    }
}
