package dev.arbor.collections.champ;

import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.node.Edit;
import dev.arbor.collections.node.NodeMemo;
import java.util.Objects;

/**
 * The CHAMP algorithms, written once for every node format and for maps and sets alike.
 *
 * <p>A node reference is an {@code (Object n, long a)} pair: managed nodes use the object, native
 * nodes the address. A subclass per format supplies node access and construction; the descent,
 * the bitmap arithmetic, collision handling and the canonical compaction on removal live here.
 * Constructors write the new node into an {@link Op} register.
 *
 * <p>Two kinds of node, told apart by depth, not by a tag:
 * <ul>
 *   <li>bitmap nodes, at shifts 0, 5, ..., 30: a header word {@code nodeMap << 32 | dataMap}, the
 *       entries in bit order, the children in bit order;</li>
 *   <li>collision nodes, at shift 35 (the 32 hash bits are used up): a header word
 *       {@code count << 32 | hash}, every entry having that full hash.</li>
 * </ul>
 * Canonical form (so equal contents make equal shapes, up to the order inside collision nodes):
 * below the root a node never holds a single entry and nothing else; a sub-trie shrinking to one
 * entry is inlined into its parent.
 *
 * <p>An entry is a key pair {@code (kw, kr)} and a value pair {@code (vw, vr)}: the word half for
 * inline codecs, the reference half otherwise; sets have no values. A reference key also has a
 * word: its hash ({@link #keyWordOf}). Every format stores it with the entry, so a lookup compares
 * hashes before it touches a key object, and moving an entry down never calls {@code hashCode}.
 */
abstract class ChampTrie {
    static final int BITS = 5;
    static final int MASK = (1 << BITS) - 1;
    /** Shifts at or past this reach collision nodes. */
    static final int HASH_BITS = 32;
    /** Levels of a trie: bitmap nodes at shifts 0 to 30, collision nodes at 35. */
    static final int LEVELS = HASH_BITS / BITS + 2;

    /** How the liveness check after user code ({@code equals}, {@code hashCode}) names the value it read. */
    static final String COLLECTION = "collection";

    final boolean keyInline;
    final boolean valInline;
    final boolean hasValues;
    final Codec<?> keyCodec;
    /** The value codec, {@code null} for sets. */
    final Codec<?> valueCodec;

    ChampTrie(Codec<?> keyCodec, Codec<?> valueCodec) {
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.keyInline = keyCodec.isInline();
        this.hasValues = valueCodec != null;
        this.valInline = hasValues && valueCodec.isInline();
    }

    // ---- format and lifetime ----

    /**
     * The trie a persistent update runs with on this thread. Reads the current allocator once
     * per operation: under a native allocator the new nodes are native, owned by it.
     *
     * @param emptyValue whether the value is empty (its root is a shared static constant)
     * @throws IllegalStateException if this trie's nodes are native and their allocator is not
     *                               current, reset or closed
     */
    abstract ChampTrie forUpdate(boolean emptyValue, String what);

    /**
     * The trie a transient's operation (read or write) runs with: as {@link #forUpdate}, and a
     * native transient is also refused outside its allocator.
     */
    abstract ChampTrie forTransient(boolean emptyValue, String what);

    /** Throws if this trie's nodes are native and their allocator was reset or closed. */
    abstract void checkLive(String what);

    /** The allocator owning this trie's native nodes, or {@code null} for the managed format. */
    abstract NativeAllocator allocator();

    /** The window this format's nodes are read and written through, or {@code null} for managed nodes. */
    abstract NativeMemory.Window memory();

    /** Whether a native value may hold managed subtrees (so its nodes with children are REFS blocks). */
    abstract boolean mixed();

    /**
     * This format, or for a native one that is not {@link #mixed}, the mixed format of the same
     * allocator: its new nodes may point to managed subtrees, and it may hold this one's nodes.
     */
    abstract ChampTrie withManagedSubtrees();

    /**
     * Called for a node of {@code da} entries and {@code na} children that the operation drops or
     * replaces: a native node that the operation's edit owns, or that it allocated, is freed when
     * the operation commits.
     */
    abstract void retire(Op op, Object n, long a, int da, int na);

    /** A new node of {@code da} entries and {@code na} children, filled by the caller. */
    abstract void newNode(Op out, long header, int da, int na, Edit edit);

    // ---- node access, one implementation per format ----

    /** The header word (see the class comment). */
    final long header(Object n, long a) {
        return headerIn(words(n, a), a);
    }

    /** The key word of entry {@code i}: the key itself (inline codecs) or its hash. */
    final long keyWord(Object n, long a, int i) {
        return keyWordIn(words(n, a), a, i);
    }

    abstract Object keyRef(Object n, long a, int i);

    final long valWord(Object n, long a, int i) {
        return valWordIn(words(n, a), a, i);
    }

    abstract Object valRef(Object n, long a, int i);

    /** Child {@code ci} of a bitmap node of {@code da} entries (native nodes keep children after entries): the object half. */
    abstract Object child(Object n, long a, int da, int ci);

    /** Child {@code ci} of a bitmap node of {@code da} entries: the address half. */
    abstract long childAddr(Object n, long a, int da, int ci);

    /**
     * Where the words of node {@code (n, a)} are when they are on the JVM heap (the managed
     * format's {@code long[]}), else {@code null}: the handle the {@code ...In} readers below take.
     * Lookups and walks carry it from parent to child, so that for a managed node they skip the
     * type test and the indirection that finding the words from the node costs.
     */
    abstract Object words(Object n, long a);

    /**
     * {@code words(c, ca)} of child {@code ci} of a bitmap node, that child being {@code (c, ca)};
     * a format may keep it where the parent reads it without going through the child first (the
     * managed one does).
     */
    abstract Object childWords(Object n, long a, int da, int ci, Object c, long ca);

    /** {@link #header} of the node whose words are {@code (w, a)} ({@link #words}). */
    abstract long headerIn(Object w, long a);

    /** {@link #keyWord} of the node whose words are {@code (w, a)} ({@link #words}). */
    abstract long keyWordIn(Object w, long a, int i);

    /** {@link #valWord} of the node whose words are {@code (w, a)} ({@link #words}). */
    abstract long valWordIn(Object w, long a, int i);

    abstract boolean owned(Object n, long a, Edit edit);

    /** Writes the value of entry {@code i} of a node the caller made or owns. */
    abstract void setValue(Object n, long a, int i, long vw, Object vr);

    /** Writes child {@code ci} of a node of {@code da} entries that the caller made or owns. */
    abstract void setChild(Object n, long a, int da, int ci, Object c, long ca);

    /**
     * {@link #setChild} given the child's words ({@link #childWords} of where the child was), or
     * {@code null}: a format that keeps them beside the child then need not read the child itself,
     * a cache miss per child when a node is built from children it only passes on.
     */
    void setChild(Object n, long a, int da, int ci, Object c, long ca, Object cw) {
        setChild(n, a, da, ci, c, ca);
    }

    /**
     * Calls {@code action} with the key word and value word ({@code 0} for sets) of the first
     * {@code da} entries of a node, in order; only for inline keys and values. A native format
     * checks its allocator ({@link #checkLive}) after each call, before it reads again, since the
     * action may reset it.
     */
    abstract void visitWords(Object n, long a, int da, LongLongConsumer action, String what);

    /** The shared empty root: a static constant, never allocated or counted. */
    abstract void empty(Op out);

    /** A copy of a node of {@code da} entries and {@code na} children, owned by {@code edit}. */
    abstract void copy(Op out, Object n, long a, int da, int na, Edit edit);

    /** A copy with an entry inserted at {@code i} and the header {@code header}. */
    abstract void insertEntry(Op out, Object n, long a, int da, int na, long header, int i,
                              long kw, Object kr, long vw, Object vr, Edit edit);

    /** A copy without entry {@code i}, with the header {@code header}. */
    abstract void removeEntry(Op out, Object n, long a, int da, int na, long header, int i, Edit edit);

    /** A copy with entry {@code di} removed and child {@code (c, ca)} inserted at {@code ci}. */
    abstract void entryToChild(Op out, Object n, long a, int da, int na, long header, int di, int ci,
                               Object c, long ca, Edit edit);

    /** A copy with child {@code ci} removed and an entry inserted at {@code di}. */
    abstract void childToEntry(Op out, Object n, long a, int da, int na, long header, int ci, int di,
                               long kw, Object kr, long vw, Object vr, Edit edit);

    /** A new node of two entries (a bitmap node or a collision node, by its header). */
    abstract void newEntries2(Op out, long header, long kw0, Object kr0, long vw0, Object vr0,
                              long kw1, Object kr1, long vw1, Object vr1, Edit edit);

    /** A new bitmap node with one child and no entries. */
    abstract void newChild1(Op out, long header, Object c, long ca, Edit edit);

    /** A new node of {@code count} entries and no children, to be filled with {@link #setEntry}. */
    abstract void newEntries(Op out, long header, int count, Edit edit);

    /** Writes entry {@code i} of a node the caller just made. */
    abstract void setEntry(Object n, long a, int i, long kw, Object kr, long vw, Object vr);

    // ---- helpers ----

    static long bitmapHeader(int dataMap, int nodeMap) {
        return ((long) nodeMap << 32) | (dataMap & 0xFFFF_FFFFL);
    }

    static long collisionHeader(int hash, int count) {
        return ((long) count << 32) | (hash & 0xFFFF_FFFFL);
    }

    static int low(long header) {
        return (int) header;
    }

    static int high(long header) {
        return (int) (header >>> 32);
    }

    static int bit(int hash, int shift) {
        return 1 << ((hash >>> shift) & MASK);
    }

    static int index(int map, int bit) {
        return Integer.bitCount(map & (bit - 1));
    }

    /**
     * The word of a key: the encoded key for an inline codec, else the key's hash, so that the
     * nodes keep every key's hash at hand.
     */
    static <T> long keyWordOf(Codec<T> codec, T key) {
        if (codec.isInline()) {
            return codec.encode(key);
        }
        // key.hashCode() here, not Objects.hashCode: a call site of its own, whose type profile
        // (say, only Strings) lets the JIT inline the key's hashCode; the one inside
        // Objects.hashCode is shared by the whole program and is usually a virtual call.
        return key == null ? 0 : key.hashCode();
    }

    final int hash(long kw, Object kr) {
        return keyInline ? keyCodec.hashWord(kw) : (int) kw;
    }

    /**
     * Whether entry {@code i} has the key {@code (kw, kr)}: the key words first (for reference
     * keys their hashes, {@code java.util.HashMap}'s order, so a different key is rarely loaded),
     * then, for reference keys, {@code kr.equals}.
     */
    final boolean keyEquals(Object n, long a, int i, long kw, Object kr) {
        return keyWord(n, a, i) == kw && (keyInline || refKeyEquals(n, a, i, kr));
    }

    /**
     * The reference half of {@link #keyEquals}, a method of its own so that the word test stays
     * small enough for the JIT to inline wherever it is called, however cold the call site (a
     * lookup miss at 10^4 entries compares keys at too few of its levels for C2 to inline a
     * bigger test: it called it).
     */
    private boolean refKeyEquals(Object n, long a, int i, Object kr) {
        return userEquals(kr, keyRef(n, a, i));
    }

    /**
     * {@link Objects#equals}{@code (x, y)}, then this trie checked live: {@code equals} is user
     * code, it may have reset or closed a native trie's allocator, and every caller reads the
     * node again (a value, the next key of a collision node, a copy).
     */
    final boolean userEquals(Object x, Object y) {
        if (x == y) {
            return true;
        }
        boolean equal = x != null && x.equals(y);
        checkLive(COLLECTION);
        return equal;
    }

    /** {@link #userEquals(Object, Object)} of an element of this trie and one of {@code other}: both checked. */
    private boolean userEquals(Object x, Object y, ChampTrie other) {
        boolean equal = userEquals(x, y);
        other.checkLive(COLLECTION);
        return equal;
    }

    /**
     * Checks this trie live after the caller hashed a reference key ({@code hashCode}, user code
     * that may have reset or closed a native trie's allocator), before a descent reads a node.
     * Inline keys run no user code.
     */
    final void checkLiveAfterHash(String what) {
        if (!keyInline) {
            checkLive(what);
        }
    }

    final Object kr(Object n, long a, int i) {
        return keyInline ? null : keyRef(n, a, i);
    }

    final long vw(Object n, long a, int i) {
        return valInline ? valWord(n, a, i) : 0;
    }

    final Object vr(Object n, long a, int i) {
        return hasValues && !valInline ? valRef(n, a, i) : null;
    }

    /** Entries of a node at {@code shift}. */
    static int dataArity(long header, int shift) {
        return shift >= HASH_BITS ? high(header) : Integer.bitCount(low(header));
    }

    /** Children of a node at {@code shift}. */
    static int nodeArity(long header, int shift) {
        return shift >= HASH_BITS ? 0 : Integer.bitCount(high(header));
    }

    private void editable(Op op, Object n, long a, int da, int na) {
        if (op.edit != null && owned(n, a, op.edit)) {
            op.set(n, a);
        } else {
            copy(op, n, a, da, na, op.edit);
        }
    }

    // ---- whole tries ----

    /**
     * Copies the trie rooted at {@code (n, a)} at {@code shift} into format {@code dst}: native
     * nodes are copied once each ({@code memo}), managed nodes are shared.
     */
    final void copyNode(Op out, ChampTrie dst, NodeMemo memo, Object n, long a, int shift) {
        if (n != null || a == 0) {
            out.set(n, a);
            return;
        }
        int m = memo.find(a);
        if (m >= 0) {
            out.set(memo.obj(m), memo.addr(m));
            return;
        }
        long h = header(n, a);
        int da = dataArity(h, shift);
        int na = nodeArity(h, shift);
        Object[] kids = new Object[na];
        long[] kidAddrs = new long[na];
        for (int ci = 0; ci < na; ci++) {
            copyNode(out, dst, memo, child(n, a, da, ci), childAddr(n, a, da, ci), shift + BITS);
            kids[ci] = out.obj;
            kidAddrs[ci] = out.addr;
        }
        dst.newNode(out, h, da, na, null);
        for (int i = 0; i < da; i++) {
            dst.setEntry(out.obj, out.addr, i, keyWord(n, a, i), kr(n, a, i), vw(n, a, i), vr(n, a, i));
        }
        for (int ci = 0; ci < na; ci++) {
            dst.setChild(out.obj, out.addr, da, ci, kids[ci], kidAddrs[ci]);
        }
        memo.put(a, out.obj, out.addr);
    }

    /**
     * Retires every native node of the trie rooted at {@code (n, a)} that {@code op.edit} owns
     * (a connected region from the root), for a transient abandoned after a failure.
     */
    final void retireOwned(Op op, Object n, long a, int shift) {
        if (n != null || a == 0 || !owned(n, a, op.edit)) {
            return;
        }
        long h = header(n, a);
        int da = dataArity(h, shift);
        int na = nodeArity(h, shift);
        for (int ci = 0; ci < na; ci++) {
            retireOwned(op, child(n, a, da, ci), childAddr(n, a, da, ci), shift + BITS);
        }
        retire(op, n, a, da, na);
    }

    /** The number of entries of the trie rooted at {@code (n, a)} at {@code shift}: its headers only. */
    final int count(Object n, long a, int shift) {
        long h = header(n, a);
        int da = dataArity(h, shift);
        int na = nodeArity(h, shift);
        int total = da;
        for (int ci = 0; ci < na; ci++) {
            total += count(child(n, a, da, ci), childAddr(n, a, da, ci), shift + BITS);
        }
        return total;
    }

    /**
     * Calls {@code action} with the key and value words of every entry of the trie rooted at
     * {@code (n, a)}, in iteration order; only for inline keys and values.
     */
    final void forEachWords(Object n, long a, boolean readAhead, LongLongConsumer action, String what) {
        walk(n, a, readAhead, (node, addr, count) -> visitWords(node, addr, count, action, what));
    }

    /**
     * Visits every node of the trie rooted at {@code (n, a)} with entries, in iteration order (a
     * node's entries, then its children), without a cursor. A visitor that runs user code on a
     * native trie must check liveness ({@link #checkLive}) after it: the walk reads the parent
     * again when the visitor returns.
     *
     * @param readAhead whether the walk reads the headers of a node's children before it descends
     *                  ({@link #readsAhead})
     */
    final void walk(Object n, long a, boolean readAhead, NodeVisitor visitor) {
        walk(n, a, header(n, a), 0, readAhead ? new long[LEVELS * (MASK + 1)] : null, visitor);
    }

    /** {@link #walk} of the sub-trie rooted at {@code (n, a)} at {@code level}, child headers read one visit ahead. */
    final void walkBelow(Object n, long a, int level, NodeVisitor visitor) {
        walk(n, a, header(n, a), level * BITS, null, visitor);
    }

    /**
     * Whether a walk over a trie of {@code size} entries reads all child headers of a node before
     * it descends: only for a large trie whose nodes may be scattered in memory (made put by put),
     * so that their cache misses overlap. The nodes of one bulk build lie in memory in the order
     * they were built, and there the extra pass only gets in the way, managed or native (measured
     * with {@code probes.WalkLayoutBenchmark}). A smaller trie stays in cache, where the
     * pass only costs.
     *
     * @param bulkBuilt whether the nodes come from one bulk build ({@link BulkLoad}) and none
     *                    was added or replaced since
     */
    static boolean readsAhead(int size, boolean bulkBuilt) {
        return size >= OVERLAP_MISSES_FROM && !bulkBuilt;
    }

    /** The header of a bitmap node whose 32 slots all hold children. */
    static final long ALL_CHILDREN = 0xFFFF_FFFF_0000_0000L;

    /** The size from which a walk over nodes that may be scattered reads child headers ahead. */
    static final int OVERLAP_MISSES_FROM = 1 << 16;

    /**
     * The walk below a node whose header is {@code h}. With {@code headers} (a large trie), the
     * headers of all its children are read first, into this level's part of it: those reads do
     * not depend on each other, so their cache misses overlap instead of coming one per child.
     */
    private void walk(Object n, long a, long h, int shift, long[] headers, NodeVisitor visitor) {
        int da = dataArity(h, shift);
        int na = nodeArity(h, shift);
        int base = shift / BITS * (MASK + 1);
        if (headers != null) {
            for (int ci = 0; ci < na; ci++) {
                headers[base + ci] = childHeader(n, a, da, ci);
            }
        }
        // Each child's header is read one visit ahead: the first child's before this node's
        // entries, each next one before the previous child, so that its cache miss overlaps that
        // visit (whose branches would otherwise stop the CPU from running ahead to it). The
        // child's slot is read again when it is visited: carrying its object and address along
        // instead is slower (measured on a 10^6-entry walk).
        long nextHeader = na > 0 && headers == null ? childHeader(n, a, da, 0) : 0;
        if (da > 0) {
            visitor.entries(n, a, da);
        }
        int childShift = shift + BITS;
        for (int ci = 0; ci < na; ci++) {
            long ca = childAddr(n, a, da, ci);
            Object c = ca != 0 ? null : child(n, a, da, ci);
            long ch;
            if (headers != null) {
                ch = headers[base + ci];
            } else {
                ch = nextHeader;
                if (ci + 1 < na) {
                    nextHeader = childHeader(n, a, da, ci + 1);
                }
            }
            if (nodeArity(ch, childShift) == 0) {
                // Most nodes are leaves: visited here, without a call per node.
                visitor.entries(c, ca, dataArity(ch, childShift));
            } else {
                walk(c, ca, ch, childShift, headers, visitor);
            }
        }
    }

    /** The header of child {@code ci} of a bitmap node of {@code da} entries. */
    private long childHeader(Object n, long a, int da, int ci) {
        long ca = childAddr(n, a, da, ci);
        return headerIn(childWords(n, a, da, ci, ca != 0 ? null : child(n, a, da, ci), ca), ca);
    }

    // ---- equality by structure ----

    /**
     * Whether the trie rooted at {@code (n, a)} in this format and the one rooted at
     * {@code (m, b)} in format {@code other}, which must use the same codecs, hold the same
     * entries. A subtree both share (the same node) is equal without being read, so comparing a
     * map with one derived from it costs the paths they do not share. The answer is exact
     * because every trie is canonical: equal keys have equal key words (the key's hash for
     * reference keys), so canonical tries of the same keys have the same headers at every node
     * and the same keys in the same places; the first header, key or value that differs proves
     * the contents differ. Only collision nodes, which keep their entries in the order they came,
     * are compared as sets.
     */
    final boolean sameEntries(Object n, long a, ChampTrie other, Object m, long b, int shift) {
        return same(n, a, other, m, b, shift, hasValues);
    }

    /**
     * {@link #sameEntries} of keys alone: whether the two tries, which may be one of a set and one
     * of a map (same key codec), hold the same keys.
     */
    final boolean sameKeys(Object n, long a, ChampTrie other, Object m, long b, int shift) {
        return same(n, a, other, m, b, shift, false);
    }

    private boolean same(Object n, long a, ChampTrie other, Object m, long b, int shift, boolean values) {
        if (n == m && a == b) {
            return true;
        }
        long h = header(n, a);
        if (h != other.header(m, b)) {
            return false;
        }
        if (shift >= HASH_BITS) {
            return sameCollisionEntries(n, a, h, other, m, b, values);
        }
        int da = dataArity(h, shift);
        for (int i = 0; i < da; i++) {
            if (keyWord(n, a, i) != other.keyWord(m, b, i)
                    || !keyInline && !userEquals(keyRef(n, a, i), other.keyRef(m, b, i), other)
                    || values && !sameValue(n, a, i, other, m, b, i)) {
                return false;
            }
        }
        int na = nodeArity(h, shift);
        for (int ci = 0; ci < na; ci++) {
            if (!same(child(n, a, da, ci), childAddr(n, a, da, ci),
                    other, other.child(m, b, da, ci), other.childAddr(m, b, da, ci), shift + BITS, values)) {
                return false;
            }
        }
        return true;
    }

    /** Collision nodes of one header (one hash, one count): the same keys, in any order, with the same values if asked. */
    private boolean sameCollisionEntries(Object n, long a, long h, ChampTrie other, Object m, long b, boolean values) {
        int count = dataArity(h, HASH_BITS);
        for (int i = 0; i < count; i++) {
            int j = 0;
            while (j < count && (other.keyWord(m, b, j) != keyWord(n, a, i)
                    || !keyInline && !userEquals(keyRef(n, a, i), other.keyRef(m, b, j), other))) {
                j++;
            }
            if (j == count || values && !sameValue(n, a, i, other, m, b, j)) {
                return false;
            }
        }
        return true;
    }

    /** Whether entry {@code i} here and entry {@code j} of {@code other}'s node have equal values (sets: always). */
    private boolean sameValue(Object n, long a, int i, ChampTrie other, Object m, long b, int j) {
        if (!hasValues) {
            return true;
        }
        return valInline ? valWord(n, a, i) == other.valWord(m, b, j) : userEquals(valRef(n, a, i), other.valRef(m, b, j), other);
    }

    // ---- lookup ----

    /**
     * Finds a key: returns its entry index and writes the node holding it, with its words
     * ({@link #words}), to {@code out}, or returns -1.
     */
    final int find(Found out, Object n, long a, long kw, Object kr, int hash) {
        Object w = words(n, a);
        return find(out, n, w, a, headerIn(w, a), kw, kr, hash);
    }

    /** {@link #find} from a node whose words {@code w} and header {@code h} the caller has at hand. */
    final int find(Found out, Object n, Object w, long a, long h, long kw, Object kr, int hash) {
        for (int shift = 0; ; shift += BITS) {
            if (shift >= HASH_BITS) {
                int count = high(h);
                for (int i = 0; i < count; i++) {
                    if (keyWordIn(w, a, i) == kw && (keyInline || refKeyEquals(n, a, i, kr))) {
                        out.set(n, w, a);
                        return i;
                    }
                }
                return -1;
            }
            int ci;
            int da;
            if (h == ALL_CHILDREN) {
                // The upper levels of a large trie: the child's index is the slot itself, known
                // from the hash, so no bit count waits on the header before the next read.
                ci = (hash >>> shift) & MASK;
                da = 0;
            } else {
                int dataMap = low(h);
                int bit = bit(hash, shift);
                if ((dataMap & bit) != 0) {
                    int i = index(dataMap, bit);
                    if (keyWordIn(w, a, i) == kw && (keyInline || refKeyEquals(n, a, i, kr))) {
                        out.set(n, w, a);
                        return i;
                    }
                    return -1;
                }
                int nodeMap = high(h);
                if ((nodeMap & bit) == 0) {
                    return -1;
                }
                ci = index(nodeMap, bit);
                da = Integer.bitCount(dataMap);
            }
            // The address first: a native child needs one read, the object half only otherwise.
            long ca = childAddr(n, a, da, ci);
            Object c = ca != 0 ? null : child(n, a, da, ci);
            w = childWords(n, a, da, ci, c, ca);
            h = headerIn(w, ca);
            n = c;
            a = ca;
        }
    }

    /** {@link #holds}: the key is absent, there as this very object (or inline), there as an equal object. */
    static final int ABSENT = 0;
    static final int SAME_KEY = 1;
    static final int EQUAL_KEY = 2;

    /** Whether the trie rooted at {@code (n, a)} at {@code shift} has the key {@code (kw, kr)}, and as which object. */
    final int holds(Object n, long a, long kw, Object kr, int hash, int shift) {
        while (true) {
            long h = header(n, a);
            if (shift >= HASH_BITS) {
                for (int i = 0, count = high(h); i < count; i++) {
                    if (keyEquals(n, a, i, kw, kr)) {
                        return sameKeyObject(n, a, i, kr);
                    }
                }
                return ABSENT;
            }
            int dataMap = low(h);
            int nodeMap = high(h);
            int bit = bit(hash, shift);
            if ((dataMap & bit) != 0) {
                int i = index(dataMap, bit);
                return keyEquals(n, a, i, kw, kr) ? sameKeyObject(n, a, i, kr) : ABSENT;
            }
            if ((nodeMap & bit) == 0) {
                return ABSENT;
            }
            int da = Integer.bitCount(dataMap);
            int ci = index(nodeMap, bit);
            Object c = child(n, a, da, ci);
            a = childAddr(n, a, da, ci);
            n = c;
            shift += BITS;
        }
    }

    private int sameKeyObject(Object n, long a, int i, Object kr) {
        return keyInline || keyRef(n, a, i) == kr ? SAME_KEY : EQUAL_KEY;
    }

    // ---- bulk construction ----

    /**
     * Builds, in one allocation, the root holding {@code count} entries whose first-level slots
     * all differ (so their keys differ too), the common case for small literal collections.
     * Returns false, having built nothing, if two entries share a slot. For reference keys it
     * fills {@code kws} with their hashes (their key words).
     */
    final boolean tryRootOf(Op out, int count, long[] kws, Object[] krs, long[] vws, Object[] vrs) {
        int[] bits = new int[count];
        int dataMap = 0;
        for (int i = 0; i < count; i++) {
            if (!keyInline) {
                kws[i] = Objects.hashCode(krs[i]);
            }
            bits[i] = bit(hash(kws[i], krs[i]), 0);
            if ((dataMap & bits[i]) != 0) {
                return false;
            }
            dataMap |= bits[i];
        }
        newEntries(out, bitmapHeader(dataMap, 0), count, out.edit);
        for (int i = 0; i < count; i++) {
            setEntry(out.obj, out.addr, index(dataMap, bits[i]), kws[i], krs[i], vws[i], vrs[i]);
        }
        return true;
    }

    /** A new bitmap node of the entries and children in {@code parts}, owned by {@code op.edit}. */
    final void build(Op op, NodeParts parts) {
        newNode(op, bitmapHeader(parts.dataMap, parts.nodeMap), parts.entries, parts.children, op.edit);
        for (int i = 0; i < parts.entries; i++) {
            setEntry(op.obj, op.addr, i, parts.kws[i], parts.krs[i], parts.vws[i], parts.vrs[i]);
        }
        for (int ci = 0; ci < parts.children; ci++) {
            setChild(op.obj, op.addr, parts.entries, ci, parts.cs[ci], parts.cas[ci], parts.cws[ci]);
        }
    }

    // ---- insertion ----

    /** Puts an entry into the trie rooted at {@code (n, a)} at {@code shift}; the result in {@code op}. */
    final void put(Op op, Object n, long a, long kw, Object kr, long vw, Object vr, int hash, int shift) {
        put(op, n, a, words(n, a), kw, kr, vw, vr, hash, shift);
    }

    /**
     * {@link #put} given the node's words ({@link #words}): the descent carries each child's words
     * from its parent, as lookups do, one dependent load per level fewer.
     */
    private void put(Op op, Object n, long a, Object w, long kw, Object kr, long vw, Object vr, int hash, int shift) {
        long h = headerIn(w, a);
        if (h == ALL_CHILDREN) {
            // As in find: the slot comes from the hash, so the CPU, predicting this branch, reads
            // the child while the header's cache miss is still pending.
            putBelow(op, n, a, 0, MASK + 1, (hash >>> shift) & MASK, kw, kr, vw, vr, hash, shift);
            return;
        }
        if (shift >= HASH_BITS) {
            putCollision(op, n, a, h, kw, kr, vw, vr, hash);
            return;
        }
        int dataMap = low(h);
        int nodeMap = high(h);
        int da = Integer.bitCount(dataMap);
        int na = Integer.bitCount(nodeMap);
        int bit = bit(hash, shift);
        if ((dataMap & bit) != 0) {
            int i = index(dataMap, bit);
            long okw = keyWordIn(w, a, i);
            if (okw == kw && (keyInline || refKeyEquals(n, a, i, kr))) {
                replaceValue(op, n, a, da, na, i, valInline ? valWordIn(w, a, i) : 0, vw, vr);
                return;
            }
            // Another key with the same prefix: both move down into a new sub-trie.
            Object okr = kr(n, a, i);
            merge(op, okw, okr, vw(n, a, i), vr(n, a, i), hash(okw, okr), kw, kr, vw, vr, hash, shift + BITS);
            Object sub = op.obj;
            long subA = op.addr;
            entryToChild(op, n, a, da, na, bitmapHeader(dataMap ^ bit, nodeMap | bit), i, index(nodeMap, bit),
                    sub, subA, op.edit);
            retire(op, n, a, da, na);
            op.added = true;
            return;
        }
        if ((nodeMap & bit) != 0) {
            putBelow(op, n, a, da, na, index(nodeMap, bit), kw, kr, vw, vr, hash, shift);
            return;
        }
        insertEntry(op, n, a, da, na, bitmapHeader(dataMap | bit, nodeMap), index(dataMap, bit), kw, kr, vw, vr, op.edit);
        retire(op, n, a, da, na);
        op.added = true;
    }

    /** {@link #put} into child {@code ci} of a bitmap node at {@code shift}, then this node with the result. */
    private void putBelow(Op op, Object n, long a, int da, int na, int ci,
                          long kw, Object kr, long vw, Object vr, int hash, int shift) {
        Object c = child(n, a, da, ci);
        long ca = childAddr(n, a, da, ci);
        put(op, c, ca, childWords(n, a, da, ci, c, ca), kw, kr, vw, vr, hash, shift + BITS);
        setChangedChild(op, n, a, da, na, ci, c, ca);
    }

    private void putCollision(Op op, Object n, long a, long h, long kw, Object kr, long vw, Object vr, int hash) {
        int count = high(h);
        for (int i = 0; i < count; i++) {
            if (keyEquals(n, a, i, kw, kr)) {
                replaceValue(op, n, a, count, 0, i, vw(n, a, i), vw, vr);
                return;
            }
        }
        insertEntry(op, n, a, count, 0, collisionHeader(hash, count + 1), count, kw, kr, vw, vr, op.edit);
        retire(op, n, a, count, 0);
        op.added = true;
    }

    /** Entry {@code i}, whose value word is {@code ovw}, given the value {@code (vw, vr)}. */
    private void replaceValue(Op op, Object n, long a, int da, int na, int i, long ovw, long vw, Object vr) {
        if (!hasValues) {
            op.set(n, a);
            return;
        }
        Object ovr = vr(n, a, i);
        if (op instanceof MergeOp m) {
            vw = m.merge(ovw, ovr);
            checkLive(COLLECTION); // the merge is user code
            if (m.removeKey) {
                op.set(n, a); // the caller removes the key
                return;
            }
            vr = m.mergedRef();
        }
        // The same value (the same word, the same reference) changes nothing and allocates nothing.
        if (valInline ? ovw == vw : ovr == vr) {
            op.set(n, a);
            return;
        }
        op.replaced = true;
        op.oldWord = ovw;
        op.oldRef = ovr;
        editable(op, n, a, da, na);
        setValue(op.obj, op.addr, i, vw, vr);
    }

    /** After a child changed into {@code op}'s node: this node with that child, into {@code op}. */
    private void setChangedChild(Op op, Object n, long a, int da, int na, int ci, Object c, long ca) {
        if (!op.changed() || op.obj == c && op.addr == ca) {
            // Nothing changed, or the child was edited in place by its owner.
            op.set(n, a);
            return;
        }
        Object nc = op.obj;
        long nca = op.addr;
        editable(op, n, a, da, na);
        setChild(op.obj, op.addr, da, ci, nc, nca);
    }

    final void merge(Op op, long kw0, Object kr0, long vw0, Object vr0, int h0,
                     long kw1, Object kr1, long vw1, Object vr1, int h1, int shift) {
        if (shift >= HASH_BITS) {
            newEntries2(op, collisionHeader(h0, 2), kw0, kr0, vw0, vr0, kw1, kr1, vw1, vr1, op.edit);
            return;
        }
        int b0 = bit(h0, shift);
        int b1 = bit(h1, shift);
        if (b0 != b1) {
            long header = bitmapHeader(b0 | b1, 0);
            if (Integer.compareUnsigned(b0, b1) < 0) {
                newEntries2(op, header, kw0, kr0, vw0, vr0, kw1, kr1, vw1, vr1, op.edit);
            } else {
                newEntries2(op, header, kw1, kr1, vw1, vr1, kw0, kr0, vw0, vr0, op.edit);
            }
            return;
        }
        merge(op, kw0, kr0, vw0, vr0, h0, kw1, kr1, vw1, vr1, h1, shift + BITS);
        newChild1(op, bitmapHeader(0, b0), op.obj, op.addr, op.edit);
    }

    // ---- removal ----

    /** Removes a key from the trie rooted at {@code (n, a)} at {@code shift}; the result in {@code op}. */
    final void remove(Op op, Object n, long a, long kw, Object kr, int hash, int shift) {
        remove(op, n, a, words(n, a), kw, kr, hash, shift);
    }

    /** {@link #remove} given the node's words, which the descent carries as {@link #put}'s does. */
    private void remove(Op op, Object n, long a, Object w, long kw, Object kr, int hash, int shift) {
        long h = headerIn(w, a);
        if (h == ALL_CHILDREN) {
            // As in put: the slot comes from the hash.
            int slot = (hash >>> shift) & MASK;
            removeBelow(op, n, a, 0, -1, 0, MASK + 1, 1 << slot, slot, kw, kr, hash, shift);
            return;
        }
        if (shift >= HASH_BITS) {
            removeCollision(op, n, a, h, kw, kr, hash);
            return;
        }
        int dataMap = low(h);
        int nodeMap = high(h);
        int da = Integer.bitCount(dataMap);
        int na = Integer.bitCount(nodeMap);
        int bit = bit(hash, shift);
        if ((dataMap & bit) != 0) {
            int i = index(dataMap, bit);
            if (keyWordIn(w, a, i) != kw || !keyInline && !refKeyEquals(n, a, i, kr)) {
                op.set(n, a);
                return;
            }
            markRemoved(op, n, a, i);
            if (shift > 0 && da == 2 && na == 0) {
                carryUp(op, n, a, 1 - i);
            } else if (da == 1 && na == 0) {
                empty(op);
            } else {
                removeEntry(op, n, a, da, na, bitmapHeader(dataMap ^ bit, nodeMap), i, op.edit);
            }
            retire(op, n, a, da, na);
            return;
        }
        if ((nodeMap & bit) != 0) {
            removeBelow(op, n, a, dataMap, nodeMap, da, na, bit, index(nodeMap, bit), kw, kr, hash, shift);
            return;
        }
        op.set(n, a);
    }

    /**
     * {@link #remove} from child {@code ci} of a bitmap node at {@code shift} (whose slot is
     * {@code bit}), then this node with the result: a child left with one entry is inlined.
     */
    private void removeBelow(Op op, Object n, long a, int dataMap, int nodeMap, int da, int na, int bit, int ci,
                             long kw, Object kr, int hash, int shift) {
        Object c = child(n, a, da, ci);
        long ca = childAddr(n, a, da, ci);
        remove(op, c, ca, childWords(n, a, da, ci, c, ca), kw, kr, hash, shift + BITS);
        if (op.singleton) {
            if (shift > 0 && da == 0 && na == 1) {
                retire(op, n, a, da, na);
                return; // this node would hold the entry alone: carry it further up
            }
            op.singleton = false;
            CarriedEntry e = op.carried();
            childToEntry(op, n, a, da, na, bitmapHeader(dataMap | bit, nodeMap ^ bit), ci, index(dataMap, bit),
                    e.keyWord, e.keyRef, e.valueWord, e.valueRef, op.edit);
            retire(op, n, a, da, na);
            e.set(0, null, 0, null);
            return;
        }
        setChangedChild(op, n, a, da, na, ci, c, ca);
    }

    private void removeCollision(Op op, Object n, long a, long h, long kw, Object kr, int hash) {
        int count = high(h);
        for (int i = 0; i < count; i++) {
            if (keyEquals(n, a, i, kw, kr)) {
                markRemoved(op, n, a, i);
                if (count == 2) {
                    carryUp(op, n, a, 1 - i);
                } else {
                    removeEntry(op, n, a, count, 0, collisionHeader(hash, count - 1), i, op.edit);
                }
                retire(op, n, a, count, 0);
                return;
            }
        }
        op.set(n, a);
    }

    private void markRemoved(Op op, Object n, long a, int i) {
        op.removed = true;
        op.oldWord = vw(n, a, i);
        op.oldRef = vr(n, a, i);
    }

    private void carryUp(Op op, Object n, long a, int i) {
        op.carry(keyWord(n, a, i), kr(n, a, i), vw(n, a, i), vr(n, a, i));
    }
}
