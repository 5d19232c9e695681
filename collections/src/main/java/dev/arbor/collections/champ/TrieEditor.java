package dev.arbor.collections.champ;

import dev.arbor.collections.node.Edit;

/**
 * What a transient map and a transient set share: the edit token, the operation register, the
 * root, and the edit loop (find, put or remove with rollback on failure, commit on success).
 * The two transients only encode keys and values and name their methods.
 *
 * <p>A transient that starts empty buffers its puts ({@link PendingPuts}) until anything else is
 * asked of it, then builds the trie from them in one pass ({@link BulkLoad}); after that it edits
 * node by node. Puts return nothing, so the buffering cannot be observed. A managed transient
 * buffers on the JVM heap; a native one in its allocator's memory (inline keys and values only;
 * with JVM references it edits node by node from the start). A transient whose buffer does not
 * fit its format any more (a managed one meeting a native allocator) builds from what it buffered
 * and edits node by node from then on.
 */
final class TrieEditor {
    private final String what;
    final Edit edit;
    final Op op;
    /** Where {@link #find} found its key. */
    final Found found = new Found();
    ChampTrie trie;
    int size;
    Object root;
    long rootAddr;
    /** Whether puts are buffered: from creation if empty, until the first build. */
    private boolean buffering;
    /** Puts not yet applied, or {@code null}. */
    private PendingPuts pending;
    /** Whether the trie is one bulk build's, no node made since (values set in place keep it). */
    private boolean bulkBuilt;
    /**
     * Counts the calls that may have changed a node or the format: a node {@link #find} returned
     * is still this transient's, at the same place, while the count stays the same.
     */
    private int changes;

    TrieEditor(String what, ChampTrie trie, int size, Object root, long rootAddr) {
        this.what = what;
        this.edit = Edit.open(what);
        this.op = new Op(edit);
        this.trie = trie;
        this.size = size;
        this.root = root;
        this.rootAddr = rootAddr;
        this.buffering = size == 0;
    }

    /**
     * Checks the token and the allocator, picks the format this call runs with, and applies the
     * buffered puts.
     */
    void enter() {
        enterToPut();
        if (pending != null && pending.count > 0) {
            load();
        }
    }

    /** As {@link #enter()}, for a put: buffered puts stay buffered while the buffer fits the format. */
    void enterToPut() {
        edit.check();
        if (edit.allocatorUnchanged()) {
            // The last call left the format and the buffer as they must be under this allocator.
            trie.checkLive(what);
            return;
        }
        trie = trie.forTransient(size == 0 && (pending == null || pending.count == 0), what);
        changes++;
        if (pending != null && !pending.fits(trie)) {
            load();
        }
        edit.allocatorChecked();
    }

    /**
     * Builds the trie from the buffered puts and stops buffering; on failure nothing changes and
     * they stay buffered.
     */
    private void load() {
        op.reset();
        int entries;
        try {
            entries = BulkLoad.load(trie, op, pending);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        PendingPuts done = pending;
        pending = null;
        buffering = false;
        commit(entries);
        bulkBuilt = true;
        done.release();
    }

    /**
     * Abandons the transient after {@code failure} in a bulk operation built on it: frees the
     * native nodes it owns (nothing else refers to them) and closes it. Failures to free are
     * added to {@code failure}.
     */
    void discard(Throwable failure) {
        try {
            edit.check();
            trie.checkLive(what);
            if (pending != null) {
                pending.release();
                pending = null;
            }
            buffering = false;
            op.reset();
            trie.retireOwned(op, root, rootAddr, 0);
            op.commit();
            edit.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The index of the key in the node {@link #found} then holds, or a negative number if absent. */
    int find(long kw, Object kr) {
        trie.checkLiveAfterHash(what);
        return trie.find(found, root, rootAddr, kw, kr, trie.hash(kw, kr));
    }

    /** Adds or replaces an entry (a set passes no value). Call after {@link #enterToPut()}. */
    void put(long kw, Object kr, long vw, Object vr) {
        trie.checkLiveAfterHash(what);
        if (buffering) {
            if (pending == null) {
                pending = PendingPuts.of(trie);
                buffering = pending != null;
            }
            if (buffering && pending.count < PendingPuts.MAX) {
                pending.add(kw, kr, vw, vr);
                return;
            }
            if (pending != null) {
                load();
            }
        }
        op.reset();
        try {
            trie.put(op, root, rootAddr, kw, kr, vw, vr, trie.hash(kw, kr), 0);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        commit(op.added ? 1 : 0);
    }

    /** Whether the nodes lie in memory as one bulk build laid them out: no node made since. */
    boolean bulkBuilt() {
        return bulkBuilt;
    }

    /** Removes an entry if present. */
    void remove(long kw, Object kr) {
        trie.checkLiveAfterHash(what);
        op.reset();
        try {
            trie.remove(op, root, rootAddr, kw, kr, trie.hash(kw, kr), 0);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        commit(op.removed ? -1 : 0);
    }

    /** The count of calls that may have changed a node: see {@link #setFoundValue}. */
    int changes() {
        return changes;
    }

    /**
     * Sets the value of entry {@code i} of node {@code (n, a)} in place, as a put of its key
     * would, without a second descent: only if this transient owns the node, nothing changed
     * since {@link #find} returned it ({@link #changes()} is still {@code changesAtFind}), and the
     * value is a word or the node a managed one (a native node's reference value is a handle,
     * which a put replaces). Otherwise it does nothing and returns false. Call after
     * {@link #enter()}: user code that ran since the find (a merge) may have reset the allocator
     * or edited this transient, which the count and the check catch.
     */
    boolean setFoundValue(int changesAtFind, Object n, long a, int i, long vw, Object vr) {
        if (changes != changesAtFind || !(trie.valInline || n != null) || !trie.owned(n, a, edit)) {
            return false;
        }
        trie.setValue(n, a, i, vw, vr);
        return true;
    }

    private void commit(int sizeChange) {
        changes++;
        if (sizeChange != 0 || op.obj != root || op.addr != rootAddr) {
            // Adding or removing an entry copies a node, and a new root is a new node: out of the build order.
            bulkBuilt = false;
        }
        op.commit();
        root = op.obj;
        rootAddr = op.addr;
        size += sizeChange;
        op.oldRef = null;
    }
}
