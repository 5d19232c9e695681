/**
 * Arbor's persistent collections: {@link dev.arbor.collections.vector.PersistentVector} (a 32-way
 * trie with a tail) and {@link dev.arbor.collections.champ.PersistentMap} /
 * {@link dev.arbor.collections.champ.PersistentSet} (canonical CHAMP tries), each with a transient
 * builder, whose elements are encoded in 64-bit words by {@link dev.arbor.collections.codec.Codec}s
 * and whose nodes are reported to {@link dev.arbor.api.heap.RoutingHeap}.
 *
 * <h2>One algorithm, two node formats</h2>
 * Every algorithm is written once, in an abstract class ({@code VectorTrie}, {@code ChampTrie})
 * whose node references are {@code (Object, long)} pairs; one final subclass per node format
 * supplies node access and construction:
 * <ul>
 *   <li>managed ({@code ManagedVectorTrie}, {@code ManagedChampTrie}): nodes are JVM arrays, the
 *       {@code long} half is unused; used when no native allocator is current;</li>
 *   <li>native ({@code NativeVectorTrie}, {@code NativeChampTrie}): nodes are blocks of the current
 *       native allocator (arena, debug), read and written only through the allocator
 *       generation's {@code NativeMemory.Window} (closed at reset and close; confined to the
 *       owner thread for a confined arena), the {@code Object} half unused. The owner edit id
 *       is a header word; reference elements and managed subtrees are root handles into the
 *       allocator's {@code RootTable}; nodes of words only are NOREFS blocks. One instance per
 *       value lineage records the allocator and its generation, so a use after a reset or close
 *       throws instead of reading reused memory.</li>
 * </ul>
 * The direction rule (native nodes may point to managed ones, never the reverse), copy-out
 * ({@code copyToHeap()}, {@code copyTo(allocator)}, {@link dev.arbor.collections.Copier}) and
 * temporal safety are described on {@link dev.arbor.collections.vector.PersistentVector}.
 *
 * <h2>Failures</h2>
 * An operation that fails half-way (an allocation is refused, a byte limit is reached) frees the
 * native blocks it allocated and leaves the value, or the transient, as before the call. Path
 * copying allocates every new node before it writes anything in place (the nodes a transient owns
 * form a connected region from the root), so a small per-operation log of new blocks suffices
 * ({@code dev.arbor.collections.node.NodeLog}). Bulk operations built on a transient
 * ({@code appendAll}, {@code plusAll}, ...) also free what the abandoned transient owned.
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
 * {@code pop} (vector) and {@code plus}/{@code minus} (map, set), with {@code plusAll}/
 * {@code minusAll} for many at once; {@code retainAll} being a {@code java.util} mutator too, a
 * set's intersection is {@code intersect} and a map's {@code intersectKeys}. Transients use the
 * mutating names.
 */
package dev.arbor.collections;
