package dev.arbor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The actions registered with an allocator's {@link Allocator#onClose}, for allocator
 * implementations: {@link #add} them, and {@link #runAll} once the allocator is closed. Thread-safe.
 */
public final class CloseActions {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean ran;

    /** No actions yet. */
    public CloseActions() {
    }

    /**
     * Adds an action to run at close.
     *
     * @param allocator the allocator's name, for the message
     * @param action    what to run at close
     * @throws IllegalStateException if the actions already ran (the allocator is closed)
     */
    public synchronized void add(String allocator, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (ran) {
            throw new IllegalStateException("allocator '" + allocator + "' is already closed");
        }
        actions.add(action);
    }

    /**
     * Runs every action once, in the order added; an action that throws does not stop the others,
     * and the first exception is rethrown at the end with the later ones suppressed.
     */
    public void runAll() {
        List<Runnable> toRun;
        synchronized (this) {
            if (ran) {
                return;
            }
            ran = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        runEach(toRun);
    }

    /**
     * Runs every action in order; an action that throws does not stop the others, and the first
     * exception is rethrown at the end with the later ones suppressed. For closing several
     * allocators (or anything else) where one failure must not leave the rest open.
     *
     * @param actions what to run, in order
     * @throws RuntimeException the first exception an action threw, with the later ones suppressed
     */
    public static void runEach(Iterable<? extends Runnable> actions) {
        RuntimeException failure = null;
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes the allocators that are still open, newest (last) first, as {@link #runEach} runs
     * actions: one that fails to close does not leave the others open.
     *
     * @param allocators the allocators, oldest first
     * @throws RuntimeException the first exception a close threw, with the later ones suppressed
     */
    public static void closeNewestFirst(List<? extends Allocator> allocators) {
        runEach(allocators.reversed().stream().<Runnable>map(a -> () -> {
            if (a.isOpen()) {
                a.close();
            }
        }).toList());
    }
}
