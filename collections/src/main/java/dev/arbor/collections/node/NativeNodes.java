package dev.arbor.collections.node;

import dev.arbor.api.Allocator;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;
import dev.arbor.api.roots.RootTable;

/**
 * What every native node format shares: the tagging of child words, the rule deciding which
 * allocator may update a native value, and the messages of the checks.
 *
 * <h2>Child words</h2>
 * A child slot of a native node is one 64-bit word:
 * <pre>
 *   0                              no child
 *   address   (low bit 0)          a native node of the same allocator (blocks are 8-aligned)
 *   handle &lt;&lt; 1 | 1 (low bit 1)    a managed node, through the allocator's root table
 * </pre>
 * Root handles are positive ({@link dev.arbor.api.roots.RootTable}), so the shift loses nothing.
 *
 * <h2>Same memory</h2>
 * A decorator (the counting allocator) stands in front of the allocator it wraps: blocks that one
 * allocates the other frees, and both answer the same {@link Allocator#roots() root table}. So
 * two allocators are the same memory when they are the same object or share a root table; a
 * native value may be updated under either.
 */
public final class NativeNodes {
    private NativeNodes() {
    }

    /** The child word of a managed node registered as {@code handle}. */
    public static long tagHandle(long handle) {
        return (handle << 1) | 1;
    }

    /** Whether a child word refers to a managed node (through a root handle). */
    public static boolean isHandle(long word) {
        return (word & 1) != 0;
    }

    /** The root handle in a tagged child word. */
    public static long handleOf(long word) {
        return word >>> 1;
    }

    /**
     * Zeroes {@code words} 8-byte words from {@code address}: word by word when few (the common
     * case of one free slot after a copy), in bulk otherwise.
     */
    public static void zero(NativeMemory.Window memory, long address, long words) {
        if (words <= 4) {
            for (long i = 0; i < words; i++) {
                memory.putLong(address + 8 * i, 0);
            }
        } else {
            memory.fill(address, 8 * words, (byte) 0);
        }
    }

    /** Whether {@code a} and {@code b} hand out the same native memory (see the class comment). */
    public static boolean sameMemory(Allocator a, Allocator b) {
        return a == b || a != null && b instanceof NativeAllocator && a.roots() != null && a.roots() == b.roots();
    }

    /**
     * Throws unless the nodes allocated by {@code allocator} in {@code generation} are still
     * readable: the allocator is open and was not reset since.
     *
     * @throws IllegalStateException naming the allocator, both generations and what to do
     */
    public static void checkLive(Allocator allocator, long generation, String what) {
        if (!allocator.isOpen() || allocator.generation() != generation) {
            throw stale(allocator, generation, what);
        }
    }

    /**
     * Throws unless {@code allocator} is still in {@code generation}: one plain read, for the
     * per-element checks of a walk (close advances the generation as reset does).
     *
     * @throws IllegalStateException naming the allocator, both generations and what to do
     */
    public static void checkGeneration(Allocator allocator, long generation, String what) {
        if (allocator.generation() != generation) {
            throw stale(allocator, generation, what);
        }
    }

    /**
     * The object behind a root handle read from a node of {@code memory}. A reset on another
     * thread (a shared allocator) may release the table between the read and this lookup: then
     * the value is stale, and says so, rather than the table's complaint about an old handle.
     */
    public static Object resolveRoot(RootTable roots, long handle, NativeMemory.Window memory, Allocator allocator,
                                     long generation) {
        try {
            return roots.resolve(handle);
        } catch (IllegalArgumentException released) {
            if (!memory.isAlive()) {
                throw stale(allocator, generation, "value");
            }
            throw released;
        }
    }

    /** The failure of a native value used on a thread its confined allocator does not allow. */
    public static WrongThreadException wrongThread(Allocator allocator, NativeMemory.Window memory, String what) {
        return new WrongThreadException("cannot use this " + what + " on thread " + Thread.currentThread()
                + ": its nodes live in the native memory of allocator '" + allocator.name() + "', which is confined to thread "
                + memory.owner() + ". Use it on that thread, copy it out there (copyToHeap() or copyTo(allocator)), "
                + "or build it in a shared arena (shared=true), whose values any thread may read");
    }

    /** The failure of {@link #checkLive}. */
    public static IllegalStateException stale(Allocator allocator, long generation, String what) {
        String why = !allocator.isOpen() ? "was closed"
                : "was reset (it is in generation " + allocator.generation() + " now)";
        return new IllegalStateException("this " + what + " lives in the native memory of allocator '" + allocator.name()
                + "' from generation " + generation + ", which " + why + ": its nodes are gone and it cannot be used. "
                + "Copy values that must outlive a reset out before it, with copyToHeap() or copyTo(allocator)");
    }

    /**
     * What {@code toString} shows for a value whose {@code checkLive} fails (its allocator was
     * reset or closed): the value's name and the reason, or {@code null} if it is live. Printing
     * (or on a thread its confined allocator refuses) is the one use of such a value that does not throw, so that a debugger or a log line works.
     */
    public static String staleDescription(Runnable checkLive, String what) {
        try {
            checkLive.run();
            return null;
        } catch (IllegalStateException stale) {
            return what + "[stale: " + stale.getMessage() + "]";
        } catch (WrongThreadException elsewhere) {
            return what + "[not readable on this thread: " + elsewhere.getMessage() + "]";
        }
    }

    /**
     * The failure of an update to a native value while its allocator is not current.
     *
     * @param current the current allocator, or null for none (the managed default)
     */
    public static IllegalStateException notCurrent(Allocator owner, Allocator current, String what) {
        return new IllegalStateException("cannot update this " + what + ": its nodes live in the native memory of allocator '"
                + owner.name() + "', which is not current on this thread (current: "
                + (current == null ? "none, the managed default" : "'" + current.name() + "'")
                + "); native nodes may point only to nodes of their own allocator. Make it current with "
                + "CurrentAllocator.use(allocator) around the update, or copy the value out first with "
                + "copyToHeap() or copyTo(allocator)");
    }

    /** The failure of any use of a transient whose nodes live in an allocator that is not current. */
    public static IllegalStateException transientNotCurrent(Allocator owner, Allocator current, String what) {
        return new IllegalStateException("this " + what + " builds in the native memory of allocator '" + owner.name()
                + "', which is not current on this thread (current: "
                + (current == null ? "none, the managed default" : "'" + current.name() + "'")
                + "); a transient cannot leave its allocator. Use it inside CurrentAllocator.use(allocator), "
                + "or call persistent() there and copy the result out with copyToHeap()");
    }
}
