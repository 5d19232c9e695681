/**
 * Probes: measurements of Arbor alone that explain a design choice (how a map's build decides its
 * node layout, what a walk's read-ahead gains, how fast memory streams on this machine) or compare
 * two builds of the library run alternately. They are not comparisons with peer libraries, which
 * live in {@code dev.arbor.benchmarks.collections}.
 */
package dev.arbor.benchmarks.probes;
