package dev.arbor.collections.champ;

import java.util.function.LongToIntFunction;

/** How test keys hash: from no collisions to every key sharing one hash. */
enum HashScenario {
    /** Well spread hashes. */
    DISTINCT(id -> Long.hashCode(id * 0x9E3779B97F4A7C15L), 100_000),
    /** Sequential hashes: dense low-level nodes. */
    SEQUENTIAL(id -> (int) id, 100_000),
    /** Only 16 distinct hashes: every key in a collision node of many. */
    FULL_COLLISIONS(id -> (int) (id % 16) * 0x01010101, 1_500),
    /** Every key has hash 0. */
    ONE_HASH(id -> 0, 300),
    /** Hashes share their low 30 bits and differ in the top 2, with 4 ids per hash: deep paths, splits at the last level, and collision nodes. */
    PARTIAL_DEEP(id -> (int) ((id / 4) & 3) << 30 | 0x2AAAAAAA, 400),
    /** Hashes share their low 10 bits and differ above: partial collisions in the middle levels. */
    PARTIAL_MIDDLE(id -> (int) (id * 0x9E3779B1L) << 10 | 0x155, 20_000);

    final LongToIntFunction hash;
    final int maxSize;

    HashScenario(LongToIntFunction hash, int maxSize) {
        this.hash = hash;
        this.maxSize = maxSize;
    }

    Key key(long id) {
        return new Key(id, hash.applyAsInt(id));
    }
}
