package dev.arbor.api.scope;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.ThreadSlots;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The current allocator of each thread (virtual threads too): where new collection nodes go.
 *
 * <p>Three ways to set it, which nest with one another; the innermost wins:
 * <ul>
 *   <li>{@link #use(Allocator)}: a try-with-resources scope that restores the previous allocator
 *       when closed and refuses to be closed out of order;</li>
 *   <li>{@link #call}/{@link #run}: a {@link ScopedValue} binding for structured code; threads
 *       forked inside a {@code StructuredTaskScope} (a preview API in Java 25) see it too;</li>
 *   <li>{@link #enter(Allocator)}/{@link #exit()}: for runtimes without lexical scopes;
 *       {@code exit} restores the allocator current before the matching {@code enter}.</li>
 * </ul>
 * With nothing set, {@link #get()} is null and the routing heap uses the default allocator.
 */
public final class CurrentAllocator {
    /**
     * One thread's levels, mutated in place so that opening and closing never calls
     * {@code ThreadLocal.set}. Only its own thread writes it.
     */
    public static final class ThreadLevels extends LevelsLayout.PadAfter {
        private ThreadLevels() {
        }

        /**
         * A number that grows whenever a level opens or closes on this thread (a scope, an
         * enter or exit, a call or run). While it stays the same, this thread's current allocator
         * stays the same, so an object confined to the thread (as a transient is) may check the
         * current allocator once and then compare this number, a plain field read, instead of
         * reading the thread-local again. Meaningful only on the thread the levels belong to.
         *
         * @return the number of level changes on this thread so far
         */
        public long changeCount() {
            return changes;
        }

        void setTop(Frame frame) {
            boolean hadLevels = top != null;
            top = frame;
            topAllocator = frame == null ? null : frame.allocator();
            changes++;
            // Only when the thread's first level opens or its last one closes, and only in the
            // thread's own slot: nested levels write nothing, and no level writes what other
            // threads read (unless their ids share the slot).
            if (hadLevels != (frame != null)) {
                if (frame != null) {
                    noteFirstLevel();
                }
                LEVELS_BY_SLOT[ThreadSlots.ofCurrentThread()].addAndGet(frame != null ? 1 : -1);
            }
        }
    }

    /**
     * A thread slot's count of threads with levels, alone on its cache line: the object is 72
     * bytes (header, value, padding), so two counters' values are never within one line.
     * {@code AtomicInteger} rather than an array of counters, because the array's atomic access
     * would load the {@code VarHandle} machinery in every program that touches a collection.
     */
    @SuppressWarnings({"serial", "unused"})
    private static final class SlotCounter extends AtomicInteger {
        private long p1, p2, p3, p4, p5, p6, p7;
    }

    /** An anonymous class rather than {@code withInitial(lambda)}: no lambda bootstrap at a program's first collection. */
    private static final ThreadLocal<ThreadLevels> STACK = new ThreadLocal<>() {
        @Override
        protected ThreadLevels initialValue() {
            return new ThreadLevels();
        }
    };
    private static final ScopedValue<Frame> BOUND = ScopedValue.newInstance();
    private static final AtomicInteger ACTIVE_BINDINGS = new AtomicInteger();
    /**
     * Per thread slot ({@link ThreadSlots}), how many of the threads that use the slot have a
     * level open. While a thread's slot holds 0 and no binding is active anywhere (a binding is
     * seen by threads forked inside it too), the thread has no level, so {@link #get()} answers
     * without a thread-local read: for the whole life of a program that never sets an allocator,
     * and on every thread that has none while others do. A thread always sees its own updates,
     * so a stale read can only miss levels of other threads, which it cannot see anyway.
     */
    private static final SlotCounter[] LEVELS_BY_SLOT = new SlotCounter[ThreadSlots.SLOTS];
    /**
     * Whether any thread ever opened a level: written once per process, so a program that never
     * sets an allocator answers {@link #get()} from this one field. Plain, not volatile: a thread
     * sees its own write, threads it starts later see it too, and a thread that misses another
     * thread's write has no level of its own to miss (a volatile read would also keep the JIT from
     * moving the loads around it on every node a collection makes).
     */
    private static boolean anyLevelEverOpened;

    static {
        for (int i = 0; i < LEVELS_BY_SLOT.length; i++) {
            LEVELS_BY_SLOT[i] = new SlotCounter();
        }
    }

    private CurrentAllocator() {
    }

    /** {@return the current allocator, or null when none is set (or the innermost level selects the default)} */
    public static Allocator get() {
        if (!anyLevelEverOpened
                || LEVELS_BY_SLOT[ThreadSlots.ofCurrentThread()].getOpaque() == 0 && ACTIVE_BINDINGS.getOpaque() == 0) {
            return null;
        }
        ThreadLevels stack = STACK.get();
        // A plain read suffices: a binding is visible only to its own thread (which wrote the
        // counter) and to threads forked after it (thread start orders the write before them).
        if (ACTIVE_BINDINGS.getPlain() == 0) {
            return stack.topAllocator;
        }
        Frame f = effective(stack);
        return f == null ? null : f.allocator();
    }

    /**
     * The calling thread's levels, whose {@link ThreadLevels#changeCount()} tells an object
     * confined to this thread whether its current allocator may have changed since it last
     * looked.
     *
     * @return this thread's levels (the same object on every call from this thread)
     */
    public static ThreadLevels thisThread() {
        return STACK.get();
    }

    /** {@return the current allocator, or an empty optional if none is set} */
    public static Optional<Allocator> current() {
        return Optional.ofNullable(get());
    }

    /**
     * Makes {@code allocator} current on this thread until the returned scope is closed.
     *
     * @param allocator the allocator to make current
     * @return the scope to close, on this thread, to restore the previous allocator
     * @throws IllegalStateException if the allocator is closed
     */
    public static AllocatorScope use(Allocator allocator) {
        return push(requireOpen(allocator), Frame.Kind.SCOPE);
    }

    /**
     * Makes the default allocator current on this thread (e.g. to copy a value out of an arena).
     *
     * @return the scope to close, on this thread, to restore the previous allocator
     */
    public static AllocatorScope useDefault() {
        return push(null, Frame.Kind.SCOPE);
    }

    /**
     * Runs {@code op} with {@code allocator} current, bound as a {@link ScopedValue}.
     *
     * @param <T>       the result type
     * @param <X>       what {@code op} may throw
     * @param allocator the allocator to make current
     * @param op        the code to run
     * @return what {@code op} returned
     * @throws X                     if {@code op} throws it
     * @throws IllegalStateException if the allocator is closed, or a scope opened inside {@code op} was still open
     *                               when it returned (the levels it left open are dropped)
     */
    public static <T, X extends Throwable> T call(Allocator allocator, ScopedValue.CallableOp<T, X> op) throws X {
        Objects.requireNonNull(op, "op");
        ThreadLevels stack = STACK.get();
        Frame outer = effective(stack);
        Frame frame = new Frame(requireOpen(allocator), null, depthAfter(outer), Frame.Kind.BOUND, Thread.currentThread());
        Frame topAtEntry = stack.top;
        T result;
        noteFirstLevel();
        ACTIVE_BINDINGS.incrementAndGet();
        stack.changes++;
        try {
            result = ScopedValue.where(BOUND, frame).call(op);
        } catch (Throwable t) {
            if (stack.top != topAtEntry) {
                stack.setTop(topAtEntry);
                t.addSuppressed(unclosedInside(allocator));
            }
            throw t;
        } finally {
            ACTIVE_BINDINGS.decrementAndGet();
            stack.changes++;
        }
        if (stack.top != topAtEntry) {
            stack.setTop(topAtEntry);
            throw unclosedInside(allocator);
        }
        return result;
    }

    /**
     * Runs {@code action} with {@code allocator} current, bound as a {@link ScopedValue}.
     *
     * @param allocator the allocator to make current
     * @param action    the code to run
     * @throws IllegalStateException as {@link #call} does
     */
    public static void run(Allocator allocator, Runnable action) {
        Objects.requireNonNull(action, "action");
        call(allocator, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Makes {@code allocator} current until the matching {@link #exit()}, for code that cannot
     * use a lexical scope.
     *
     * @param allocator the allocator to make current
     * @throws IllegalStateException if the allocator is closed
     */
    public static void enter(Allocator allocator) {
        push(requireOpen(allocator), Frame.Kind.ENTERED);
    }

    /**
     * Undoes the innermost {@link #enter}: the allocator current before it is current again
     * (never "no allocator" unless none was current then).
     *
     * @throws IllegalStateException if the innermost level was not opened by {@code enter}
     */
    public static void exit() {
        ThreadLevels stack = STACK.get();
        Frame innermost = effective(stack);
        if (innermost == null || innermost.kind() != Frame.Kind.ENTERED) {
            throw new IllegalStateException("CurrentAllocator.exit() without a matching enter(): the innermost level is "
                    + (innermost == null ? "none" : innermost.describe()) + "; close that first, or remove this exit()");
        }
        stack.setTop(innermost.restore());
    }

    /**
     * Allocates from the current allocator, or returns empty when none is current (the caller
     * then uses its own memory).
     *
     * @param byteSize      bytes, zero or more
     * @param byteAlignment a power of two
     * @param kind          whether the block may hold root handles
     * @return the block, or an empty optional if no allocator is current
     * @see Allocator#allocate(long, long, BlockKind)
     */
    public static Optional<MemorySegment> tryAllocate(long byteSize, long byteAlignment, BlockKind kind) {
        Allocator a = get();
        return a == null ? Optional.empty() : Optional.of(a.allocate(byteSize, byteAlignment, kind));
    }

    static void close(AllocatorScope scope, Frame frame) {
        if (Thread.currentThread() != frame.thread()) {
            throw new WrongThreadException("an allocator scope must be closed by the thread that opened it ("
                    + frame.thread() + "), not " + Thread.currentThread());
        }
        if (scope.isClosed()) {
            throw new IllegalStateException(scope + " is already closed");
        }
        ThreadLevels stack = STACK.get();
        Frame innermost = effective(stack);
        if (innermost != frame) {
            throw new IllegalStateException("allocator scopes closed out of order: closing " + frame.describe()
                    + " while " + (innermost == null ? "nothing" : innermost.describe())
                    + " is the innermost level; close the innermost scope first (use try-with-resources)");
        }
        stack.setTop(frame.restore());
    }

    /** Sets {@link #anyLevelEverOpened} the first time only, so later levels write nothing shared. */
    private static void noteFirstLevel() {
        if (!anyLevelEverOpened) {
            anyLevelEverOpened = true;
        }
    }

    private static AllocatorScope push(Allocator allocator, Frame.Kind kind) {
        ThreadLevels stack = STACK.get();
        Frame frame = new Frame(allocator, stack.top, depthAfter(effective(stack)), kind, Thread.currentThread());
        stack.setTop(frame);
        return new AllocatorScope(frame);
    }

    /** The innermost level: the thread-local top or the scoped-value binding, whichever is deeper. */
    private static Frame effective(ThreadLevels stack) {
        Frame local = stack.top;
        // The counter spares the common path a scoped-value lookup: with no call/run active
        // anywhere, no thread can see a binding.
        if (ACTIVE_BINDINGS.getPlain() == 0 || !BOUND.isBound()) {
            return local;
        }
        Frame bound = BOUND.get();
        // Levels opened inside the binding (on this thread or a forked one) are deeper than it.
        return local != null && local.depth() > bound.depth() ? local : bound;
    }

    private static int depthAfter(Frame outer) {
        return outer == null ? 1 : outer.depth() + 1;
    }

    private static Allocator requireOpen(Allocator allocator) {
        Objects.requireNonNull(allocator, "allocator (use useDefault() to select the default allocator)");
        if (!allocator.isOpen()) {
            throw new IllegalStateException("allocator '" + allocator.name() + "' is closed; it cannot become current");
        }
        return allocator;
    }

    private static IllegalStateException unclosedInside(Allocator allocator) {
        return new IllegalStateException("a scope opened inside CurrentAllocator.call/run with allocator '"
                + allocator.name() + "' was still open when it returned; close every scope opened inside it");
    }
}
