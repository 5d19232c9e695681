package dev.arbor.api.roots;

import java.util.Arrays;
import java.util.Objects;

/**
 * The JVM objects that one native allocator's memory refers to. Native memory cannot hold a Java reference, so a native block stores a
 * <em>handle</em> word instead; this table maps the handle to the object and keeps it strongly
 * reachable until it is {@linkplain #release released} one by one, or all at once by
 * {@link #releaseAll()} (an arena's reset) or {@link #close()}.
 *
 * <p>Nothing is scanned and there is no cap on the number of roots (pages grow on demand).
 * {@code releaseAll} drops the pages in O(1) and leaves them to the JVM's collector.
 *
 * <p>Handle layout (64 bits): {@code [0][epoch:23][slot+1:40]}. A handle is never 0, so 0 can stand
 * for "no object", and never negative, so a node format can shift it left by one to tag it. The epoch grows at each {@code releaseAll}, so a handle from before it is
 * refused instead of resolving to another object.
 *
 * <p>Writers ({@code register}, {@code release}, {@code releaseAll}) are serialized; {@code resolve}
 * reads without locking and relies on the handle having been published to the reading thread
 * with a happens-before edge (as a collection node is).
 */
public final class RootTable {
    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int SLOT_BITS = 40;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    private static final long EPOCH_MASK = (1L << 23) - 1;

    private final String ownerName;
    private final RootRegistry registry;
    private volatile Object[][] pages = new Object[1][];
    private long size;
    private long nextSlot;
    private long[] freeSlots = new long[16];
    private int freeCount;
    /** Written before {@link #pages} is published, read after it is read (see resolve). */
    private long epoch;
    private boolean closed;

    /**
     * A table for the allocator called {@code ownerName}, registered with {@code registry}
     * (use {@link RootRegistries#registry()} for the one on the classpath).
     *
     * @param ownerName the name of the allocator this table belongs to
     * @param registry  the registry told of the table's creation and close
     */
    public RootTable(String ownerName, RootRegistry registry) {
        this.ownerName = Objects.requireNonNull(ownerName, "ownerName");
        this.registry = Objects.requireNonNull(registry, "registry");
        registry.register(this);
    }

    /** {@return the name of the allocator this table belongs to} */
    public String ownerName() {
        return ownerName;
    }

    /**
     * Keeps {@code object} reachable and returns its handle (never 0).
     *
     * @param object the object to keep reachable
     * @return the object's handle, valid until it is released, {@link #releaseAll()} or {@link #close()}
     * @throws NullPointerException  if {@code object} is null (store 0 instead)
     * @throws IllegalStateException if the table is closed
     */
    public synchronized long register(Object object) {
        Objects.requireNonNull(object, "object (store handle 0 for null)");
        ensureOpen();
        long slot = freeCount > 0 ? freeSlots[--freeCount] : nextSlot++;
        if (slot > SLOT_MASK - 1) {
            throw new IllegalStateException("root table of '" + ownerName + "' is out of slots");
        }
        int page = (int) (slot >>> PAGE_BITS);
        Object[][] p = pages;
        if (page >= p.length) {
            p = Arrays.copyOf(p, Math.max(page + 1, p.length * 2));
        }
        if (p[page] == null) {
            p[page] = new Object[PAGE_SIZE];
        }
        p[page][(int) (slot & (PAGE_SIZE - 1))] = object;
        pages = p;
        size++;
        return (epoch << SLOT_BITS) | (slot + 1);
    }

    /**
     * The object behind {@code handle}.
     *
     * @param handle a handle {@link #register} returned
     * @return the object, never {@code null}
     * @throws IllegalArgumentException if the handle is 0, from before the last
     *                                  {@link #releaseAll()}, or released
     */
    public Object resolve(long handle) {
        // Pages first (a volatile read), then the epoch: a reader that sees the pages of a later
        // releaseAll also sees its epoch, so an old handle never resolves to a new object.
        Object[][] p = pages;
        long slot = slotOf(handle);
        int page = (int) (slot >>> PAGE_BITS);
        Object o = page < p.length && p[page] != null ? p[page][(int) (slot & (PAGE_SIZE - 1))] : null;
        if (o == null) {
            throw new IllegalArgumentException("root handle 0x" + Long.toHexString(handle) + " of '" + ownerName
                    + "' refers to nothing: it was released");
        }
        return o;
    }

    /**
     * Lets the JVM collect the object behind {@code handle} (if nothing else holds it).
     *
     * @param handle a handle {@link #register} returned
     * @throws IllegalArgumentException if the handle is 0, from before the last
     *                                  {@link #releaseAll()}, or released
     * @throws IllegalStateException    if the table is closed
     */
    public synchronized void release(long handle) {
        ensureOpen();
        resolve(handle);
        long slot = slotOf(handle);
        pages[(int) (slot >>> PAGE_BITS)][(int) (slot & (PAGE_SIZE - 1))] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
        size--;
    }

    /** Releases every root at once, in O(1); every handle given out so far becomes invalid. */
    public synchronized void releaseAll() {
        ensureOpen();
        dropAll();
    }

    /** {@return how many objects the table keeps reachable} */
    public synchronized long size() {
        return size;
    }

    /** Releases every root and unregisters the table from its registry. Closing twice does nothing. */
    public synchronized void close() {
        if (!closed) {
            dropAll();
            closed = true;
            registry.unregister(this);
        }
    }

    /** {@return whether {@link #close()} has been called} */
    public synchronized boolean isClosed() {
        return closed;
    }

    private void dropAll() {
        epoch = (epoch + 1) & EPOCH_MASK;
        size = 0;
        nextSlot = 0;
        freeSlots = new long[16];
        freeCount = 0;
        // Published last (volatile): see resolve.
        pages = new Object[1][];
    }

    private long slotOf(long handle) {
        long slot = (handle & SLOT_MASK) - 1;
        if (handle == 0 || slot < 0 || (handle >>> SLOT_BITS) != epoch) {
            throw new IllegalArgumentException("root handle 0x" + Long.toHexString(handle) + " is not valid in the root table of '"
                    + ownerName + "'" + (handle == 0 ? " (0 stands for no object)" : ": it dates from before a reset"));
        }
        return slot;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("root table of '" + ownerName + "' is closed");
        }
    }

    @Override
    public String toString() {
        return "RootTable[" + ownerName + ", " + size() + " roots]";
    }
}
