package dev.arbor.collections.champ;

import dev.arbor.collections.node.Edit;
import dev.arbor.collections.node.NodeLog;

/**
 * The register of one trie operation (Java returns one value; an operation reports several).
 *
 * <ul>
 *   <li>{@link #obj}/{@link #addr}: the resulting node as an {@code (Object, long)} pair;</li>
 *   <li>{@link #added}, {@link #removed}, {@link #replaced}: what changed (none: the result is the
 *       input node);</li>
 *   <li>{@link #oldWord}/{@link #oldRef}: the value replaced or removed;</li>
 *   <li>{@link #addedKeys}: for a union ({@link TrieUnion}), how many keys it added;
 *       {@link #removedKeys}: for a difference ({@link TrieFilter}), how many it removed;</li>
 *   <li>{@link #singleton}: a removal left a sub-trie with one entry, carried up in
 *       {@link #carried()} instead of as a node, so that an ancestor inlines it (canonical form)
 *       without a temporary node being allocated.</li>
 * </ul>
 * It also logs the native blocks the operation allocates and retires ({@link NodeLog}).
 */
// Sealed: a put asks whether its register merges (MergeOp), and nothing else may extend it.
sealed class Op extends NodeLog permits MergeOp {
    final Edit edit;
    Object obj;
    long addr;
    boolean added;
    boolean removed;
    boolean replaced;
    long oldWord;
    Object oldRef;
    int addedKeys;
    int removedKeys;
    boolean singleton;
    /** The entry {@link #singleton} carries; made at the first carry (a put never needs it). */
    private CarriedEntry carried;

    Op(Edit edit) {
        this.edit = edit;
    }

    void set(Object obj, long addr) {
        this.obj = obj;
        this.addr = addr;
    }

    /** Carries the entry {@code (kw, kr, vw, vr)} up instead of a node: sets {@link #singleton}. */
    void carry(long kw, Object kr, long vw, Object vr) {
        if (carried == null) {
            carried = new CarriedEntry();
        }
        carried.set(kw, kr, vw, vr);
        singleton = true;
    }

    /** The entry being carried; valid while {@link #singleton}. */
    CarriedEntry carried() {
        return carried;
    }

    /** Clears the flags and the log before the next operation of a transient. */
    void reset() {
        begin();
        added = false;
        removed = false;
        replaced = false;
        singleton = false;
        oldRef = null;
        if (carried != null) {
            carried.set(0, null, 0, null);
        }
    }

    boolean changed() {
        return added || removed || replaced;
    }
}
