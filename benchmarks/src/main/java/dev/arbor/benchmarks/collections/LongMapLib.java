package dev.arbor.benchmarks.collections;

/**
 * One library's {@code long -> long} map, behind the operations the suites measure. Each method
 * runs the whole measured loop, so the loop calls the library directly.
 */
public interface LongMapLib {
    /** Builds the map the read benchmarks query (the fastest way the library has) and keeps it. */
    void load(LongMapData d);

    /** A new map of all entries, one persistent insertion at a time (mutable maps: one put at a time). */
    Object build(LongMapData d);

    /**
     * A new map of all entries through the library's transient or builder.
     *
     * @throws UnsupportedOperationException if the library has none
     */
    Object buildTransient(LongMapData d);

    /** Sum of the values of {@link LongMapData#hitKeys} in the loaded map. */
    long hits(LongMapData d);

    /** How many of {@link LongMapData#missKeys} the loaded map contains (0). */
    int misses(LongMapData d);

    /** Sum of {@code key ^ value} over the loaded map's entries. */
    long iterate();

    /**
     * The loaded map after {@link LongMapData#BATCH} chained updates of existing keys to new values
     * (persistent: each update returns a new map; mutable: in place).
     */
    Object update(LongMapData d);

    /** The loaded map itself, for heap measurement. */
    Object map();

    /** The adapter for a {@code lib} parameter value. */
    static LongMapLib of(String lib) {
        return switch (lib) {
            case "arbor" -> new LongMapLibs.Arbor();
            case "scala" -> new LongMapLibs.Scala();
            case "clojure" -> new LongMapLibs.Clojure();
            case "vavr" -> new LongMapLibs.Vavr();
            case "pcollections" -> new LongMapLibs.PCollections();
            case "bifurcan" -> new LongMapLibs.Bifurcan();
            case "fastutil" -> new LongMapLibs.Fastutil();
            case "javaHashMap" -> new LongMapLibs.JavaHashMap();
            default -> throw new IllegalArgumentException("unknown lib '" + lib
                    + "'; one of arbor, scala, clojure, vavr, pcollections, bifurcan, fastutil, javaHashMap");
        };
    }
}
