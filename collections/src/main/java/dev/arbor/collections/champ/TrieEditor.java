package dev.arbor.collections.champ;

import dev.arbor.collections.node.Edit;

/**
 * What a transient map and a transient set share: the edit token, the operation register, the
 * root, and the edit loop (find, put or remove with rollback on failure, commit on success).
 * The two transients only encode keys and values and name their methods.
 */
final class TrieEditor {
    private final String what;
    final Edit edit;
    final Op op;
    ChampTrie trie;
    int size;
    Object root;
    long rootAddr;

    TrieEditor(String what, ChampTrie trie, int size, Object root, long rootAddr) {
        this.what = what;
        this.edit = Edit.open(what);
        this.op = new Op(edit);
        this.trie = trie;
        this.size = size;
        this.root = root;
        this.rootAddr = rootAddr;
    }

    /** Checks the token and the allocator, and picks the format this call runs with. */
    void enter() {
        edit.check();
        trie = trie.forTransient(size == 0, what);
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
            op.reset();
            trie.retireOwned(op, root, rootAddr, 0);
            op.commit();
            edit.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The index of the key in the node {@link #op} then holds, or a negative number if absent. */
    int find(long kw, Object kr) {
        op.reset();
        return trie.find(op, root, rootAddr, kw, kr, trie.hash(kw, kr));
    }

    /** Adds or replaces an entry (a set passes no value). */
    void put(long kw, Object kr, long vw, Object vr) {
        op.reset();
        try {
            trie.put(op, root, rootAddr, kw, kr, vw, vr, trie.hash(kw, kr), 0);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        commit(op.added ? 1 : 0);
    }

    /** Removes an entry if present. */
    void remove(long kw, Object kr) {
        op.reset();
        try {
            trie.remove(op, root, rootAddr, kw, kr, trie.hash(kw, kr), 0);
        } catch (Throwable e) {
            op.rollback(e);
            throw e;
        }
        commit(op.removed ? -1 : 0);
    }

    private void commit(int sizeChange) {
        op.commit();
        root = op.obj;
        rootAddr = op.addr;
        size += sizeChange;
        op.oldRef = null;
    }
}
