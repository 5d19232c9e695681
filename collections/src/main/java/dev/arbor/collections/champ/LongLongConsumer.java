package dev.arbor.collections.champ;

/** Receives one entry of a {@code long -> long} map, unboxed ({@link PersistentMap#forEachLong}). */
@FunctionalInterface
public interface LongLongConsumer {
    /** Called once per entry. */
    void accept(long key, long value);
}
