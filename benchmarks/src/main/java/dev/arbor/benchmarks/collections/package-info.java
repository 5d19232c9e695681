/**
 * JMH suites comparing Arbor's persistent collections with peer libraries (Scala 2.13, Clojure,
 * Vavr, PCollections, Bifurcan) and mutable baselines (java.util, fastutil), plus
 * {@link dev.arbor.benchmarks.collections.HeapPerEntry}, which measures retained heap per entry.
 *
 * <p>Each library sits behind a small adapter ({@link dev.arbor.benchmarks.collections.LongMapLib},
 * {@link dev.arbor.benchmarks.collections.StringMapLib},
 * {@link dev.arbor.benchmarks.collections.LongVectorLib}) that runs the whole measured loop, so the
 * loop calls the library directly. JMH runs every {@code lib} parameter in its own fork, so each
 * fork loads one adapter class and the benchmark's call into it stays monomorphic.
 *
 * <p>Units: lookup and update benchmarks do a batch of {@link dev.arbor.benchmarks.collections.LongMapData#BATCH}
 * operations per invocation and JMH divides by it ({@code @OperationsPerInvocation}), so their
 * score is already nanoseconds per entry. Build and iterate benchmarks process the whole
 * collection per invocation: their score is nanoseconds per collection, and
 * {@code scripts/bench-chart.py} divides it by the {@code size} parameter.
 */
package dev.arbor.benchmarks.collections;
