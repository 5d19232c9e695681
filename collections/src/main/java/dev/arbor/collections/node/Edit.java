package dev.arbor.collections.node;

import dev.arbor.api.scope.CurrentAllocator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transient's edit token: the right to mutate, in place, the nodes stamped with its id.
 *
 * <p>Ids are unique numbers, never addresses or identities of allocated objects, so no later transient can ever hold the id of an earlier one (an address repeats after
 * an arena's reset, and a new transient holding it would mutate an immutable map).
 * A node records its owner as that number: a {@code long} word, or the {@link #boxedId()} in a
 * node of references. Id {@code 0} means "no owner": persistent nodes carry it.
 *
 * <p>A token is live from {@link #open} until {@link #close}; {@link #check()} refuses use after
 * that or from another thread. Closing also drops the thread, so nodes that keep the token do not
 * keep the thread reachable.
 */
public final class Edit {
    /** Ids handed to threads in blocks, so opening a transient writes nothing shared. */
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final int ID_BLOCK = 1024;
    /** This thread's block of ids: {@code [0]} the next, {@code [1]} the end (exclusive). */
    private static final ThreadLocal<long[]> THREAD_IDS = ThreadLocal.withInitial(() -> new long[2]);

    private final long id;
    private final Long boxedId;
    private final String what;
    private Thread thread;
    /** The opening thread's levels, read without a thread-local lookup (see {@link #allocatorUnchanged()}). */
    private final CurrentAllocator.ThreadLevels levels = CurrentAllocator.thisThread();
    /** {@link CurrentAllocator.ThreadLevels#changeCount()} at the last {@link #allocatorChecked()}; -1 before the first. */
    private long checkedAtChange = -1;
    /** The count {@link #allocatorUnchanged()} read last. */
    private long seenChange;

    private Edit(long id, String what) {
        this.id = id;
        this.boxedId = id;
        this.what = what;
        this.thread = Thread.currentThread();
    }

    /** A new live token for the calling thread; {@code what} names the transient in messages. */
    public static Edit open(String what) {
        return new Edit(nextId(), what);
    }

    private static long nextId() {
        long[] block = THREAD_IDS.get();
        if (block[0] == block[1]) {
            long start = COUNTER.getAndAdd(ID_BLOCK) + 1; // 0 stays "no owner"
            block[0] = start;
            block[1] = start + ID_BLOCK;
        }
        return block[0]++;
    }

    /** The unique id, never {@code 0}. */
    public long id() {
        return id;
    }

    /** The id as one shared box, for nodes that record their owner in a reference slot. */
    public Long boxedId() {
        return boxedId;
    }

    /**
     * Whether this thread's current allocator is surely the one its transient checked at the last
     * {@link #allocatorChecked()}: no level opened or closed on this thread since
     * ({@link CurrentAllocator.ThreadLevels#changeCount()}). A transient then skips the thread-local
     * read of the current allocator; only a reset of its allocator can have happened, which it
     * still checks. Call it after {@link #check()}: the count is meaningful on the opening thread only.
     */
    public boolean allocatorUnchanged() {
        seenChange = levels.changeCount();
        return seenChange == checkedAtChange;
    }

    /** Records that the transient checked the current allocator read with the last {@link #allocatorUnchanged()}. */
    public void allocatorChecked() {
        checkedAtChange = seenChange;
    }

    /**
     * Throws unless the token is live and the calling thread opened it.
     *
     * @throws IllegalStateException if {@link #close()} was called ({@code persistent()} was)
     * @throws WrongThreadException  if another thread opened the token
     */
    public void check() {
        Thread t = thread;
        if (t == null) {
            throw new IllegalStateException("this " + what + " was used after persistent(); a transient is single-use: "
                    + "call asTransient() on the persistent value to edit it again");
        }
        if (t != Thread.currentThread()) {
            throw new WrongThreadException("this " + what + " belongs to thread " + t + " and cannot be used from "
                    + Thread.currentThread() + "; call persistent() on its thread and pass the persistent value instead");
        }
    }

    /** Ends the token (after a {@link #check()}): every node stamped with its id is immutable from now on. */
    public void close() {
        check();
        thread = null;
    }
}
