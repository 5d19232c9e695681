package dev.arbor.benchmarks.collections;

/**
 * One library's vector of {@code long}s, behind the operations the suite measures. Each method
 * runs the whole measured loop, so the loop calls the library directly.
 */
public interface LongVectorLib {
    /** A new vector of all elements, appended one at a time through the library's fastest builder. */
    Object build(LongVectorData d);

    /**
     * A new vector of all elements, appended one at a time as persistent values (each append on
     * the previous result; a mutable baseline appends in place).
     */
    Object buildPersistent(LongVectorData d);

    /**
     * The loaded vector with {@link LongVectorData#updateValues} set at
     * {@link LongVectorData#indexes}, each set on the previous result (a mutable baseline sets
     * in place in its loaded list).
     */
    Object update(LongVectorData d);

    /** Builds the vector the read benchmarks query and keeps it. */
    void load(LongVectorData d);

    /** Sum of the elements at {@link LongVectorData#indexes}. */
    long get(LongVectorData d);

    /** Sum of all elements, through the library's iterator. */
    long iterate();

    /** The loaded vector itself, for heap measurement. */
    Object vector();

    /** The adapter for a {@code lib} parameter value. */
    static LongVectorLib of(String lib) {
        return switch (lib) {
            case "arbor" -> new LongVectorLibs.Arbor();
            case "scala" -> new LongVectorLibs.Scala();
            case "clojure" -> new LongVectorLibs.Clojure();
            case "vavr" -> new LongVectorLibs.Vavr();
            case "pcollections" -> new LongVectorLibs.PCollections();
            case "bifurcan" -> new LongVectorLibs.Bifurcan();
            case "fastutil" -> new LongVectorLibs.Fastutil();
            case "javaArrayList" -> new LongVectorLibs.JavaArrayList();
            default -> throw new IllegalArgumentException("unknown lib '" + lib
                    + "'; one of arbor, scala, clojure, vavr, pcollections, bifurcan, fastutil, javaArrayList");
        };
    }
}
