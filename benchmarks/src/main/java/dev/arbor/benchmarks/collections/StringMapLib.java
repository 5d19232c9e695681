package dev.arbor.benchmarks.collections;

/**
 * One library's {@code String -> String} map, behind the operations the suites measure. Each
 * method runs the whole measured loop, so the loop calls the library directly.
 */
public interface StringMapLib {
    /** Builds the map the read benchmarks query (the fastest way the library has) and keeps it. */
    void load(StringMapData d);

    /** A new map of all entries, one persistent insertion at a time (mutable maps: one put at a time). */
    Object build(StringMapData d);

    /**
     * A new map of all entries through the library's transient or builder.
     *
     * @throws UnsupportedOperationException if the library has none
     */
    Object buildTransient(StringMapData d);

    /** Sum of the lengths of the values of {@link StringMapData#hitKeys} in the loaded map. */
    long hits(StringMapData d);

    /** How many of {@link StringMapData#missKeys} the loaded map contains (0). */
    int misses(StringMapData d);

    /** Sum of {@code key.length() + value.length()} over the loaded map's entries. */
    long iterate();

    /** The loaded map after {@link LongMapData#BATCH} chained updates of existing keys to new values. */
    Object update(StringMapData d);

    /** The loaded map itself, for heap measurement. */
    Object map();

    /** The adapter for a {@code lib} parameter value. */
    static StringMapLib of(String lib) {
        return switch (lib) {
            case "arbor" -> new StringMapLibs.Arbor();
            case "scala" -> new StringMapLibs.Scala();
            case "clojure" -> new StringMapLibs.Clojure();
            case "vavr" -> new StringMapLibs.Vavr();
            case "pcollections" -> new StringMapLibs.PCollections();
            case "bifurcan" -> new StringMapLibs.Bifurcan();
            case "javaHashMap" -> new StringMapLibs.JavaHashMap();
            default -> throw new IllegalArgumentException("unknown lib '" + lib
                    + "'; one of arbor, scala, clojure, vavr, pcollections, bifurcan, javaHashMap");
        };
    }
}
