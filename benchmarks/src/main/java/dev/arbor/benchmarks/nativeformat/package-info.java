/**
 * JMH suites of Arbor's native node format against its managed format: the same collection code,
 * run with an arena current (every node a native block, freed by one {@code reset()}) and with no
 * allocator current (every node a JVM object, reclaimed by the JVM's collector).
 *
 * <ul>
 *   <li>{@link dev.arbor.benchmarks.nativeformat.NativeBuildBenchmark}: a {@code long -> long} map and
 *       a {@code long} vector built through a transient; the arena's reset is part of each build;</li>
 *   <li>{@link dev.arbor.benchmarks.nativeformat.NativeReadBenchmark}: random {@code getLong} hits
 *       and full iteration;</li>
 *   <li>{@link dev.arbor.benchmarks.nativeformat.ArenaResetBenchmark}: the reset alone, of an arena
 *       holding a whole map;</li>
 *   <li>{@link dev.arbor.benchmarks.nativeformat.NativeFootprint} and
 *       {@link dev.arbor.benchmarks.nativeformat.BuildGcReport}: plain mains printing bytes per
 *       entry (native and JVM heap) and JVM collector time per build.</li>
 * </ul>
 * Every suite takes the format as a {@code format} parameter ({@code managed} or {@code arena}), so
 * one run holds both and their ratio. The workloads themselves are in
 * {@link dev.arbor.benchmarks.nativeformat.NativeWorkloads}, which the tests run once outside JMH.
 */
package dev.arbor.benchmarks.nativeformat;
