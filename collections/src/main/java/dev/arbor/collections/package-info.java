/**
 * Arbor's persistent collections: {@link dev.arbor.collections.vector.PersistentVector} (a 32-way
 * trie with a tail) and {@link dev.arbor.collections.champ.PersistentMap} /
 * {@link dev.arbor.collections.champ.PersistentSet} (canonical CHAMP tries), each with a transient
 * builder, whose elements are encoded in 64-bit words by {@link dev.arbor.collections.codec.Codec}s
 * and whose nodes are reported to {@link dev.arbor.api.heap.RoutingHeap}.
 *
 * <h2>One algorithm, several node formats</h2>
 * Every algorithm is written once, in an abstract class ({@code VectorTrie}, {@code ChampTrie})
 * whose node references are {@code (Object, long)} pairs; one final subclass per node format
 * supplies node access and construction. This module has the managed format ({@code ManagedVectorTrie},
 * {@code ManagedChampTrie}: nodes are JVM arrays, the {@code long} half is unused). The native
 * format (nodes in native memory addressed by {@code long}, the {@code Object} half unused) is a
 * second final subclass of the same classes: it implements the same accessors with
 * {@code NativeMemory.getLong/putLong}, stamps the owner edit id in a header word, stores
 * reference elements as root handles, and allocates NOREFS blocks for nodes of words only.
 *
 * <p>Java returns one value, so an operation that makes a node writes the new pair into a small
 * register object ({@code Ref}, {@code Op}) allocated once per operation (once per transient):
 * the pair is never boxed per node visited, the cost the design measured at 2x.
 *
 * <h2>Elements as words</h2>
 * Inline codecs ({@code long}, {@code int}, {@code double}) store elements in the words of the
 * node; {@link dev.arbor.collections.codec.Codec#object()} stores references. Which one a
 * collection uses is fixed when it is created ({@code empty(codec)}); the {@code of}/{@code copyOf}
 * factories use {@code object()}.
 *
 * <h2>Naming</h2>
 * The collections implement the {@code java.util} interfaces read-only, so their persistent
 * updates cannot be called {@code add}/{@code set}/{@code put}/{@code remove} (those throw
 * {@link java.lang.UnsupportedOperationException}): they are {@code append}/{@code with}/
 * {@code pop} (vector) and {@code plus}/{@code minus} (map, set). Transients use the mutating names.
 */
package dev.arbor.collections;
