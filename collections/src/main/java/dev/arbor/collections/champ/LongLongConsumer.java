package dev.arbor.collections.champ;

/** Receives one entry of a {@code long -> long} map, unboxed ({@link PersistentMap#forEachLong}). */
@FunctionalInterface
public interface LongLongConsumer {
    /**
     * Called once per entry.
     *
     * @param key   the entry's key
     * @param value the entry's value
     */
    void accept(long key, long value);
}
