package dev.arbor.it.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.AllocatorConfig;
import dev.arbor.api.BlockKind;
import dev.arbor.api.discovery.Allocators;
import dev.arbor.api.heap.RoutingHeap;
import dev.arbor.api.memory.NativeHeap;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The current allocator, end to end with real plugins: scopes, enter/exit, scoped values, threads. */
class CurrentAllocatorScopesTest {
    private final List<Allocator> made = new ArrayList<>();
    private Allocator a;
    private Allocator b;
    private Allocator c;

    private Allocator create(String name) {
        Allocator allocator = Allocators.create(name, AllocatorConfig.EMPTY);
        made.add(allocator);
        return allocator;
    }

    @BeforeEach
    void createAllocators() {
        assertNull(CurrentAllocator.get(), "a previous test left an allocator current");
        a = create("arena");
        b = create("counting");
        c = create("debug");
    }

    @AfterEach
    void closeAllocators() {
        assertNull(CurrentAllocator.get(), "the test left an allocator current");
        for (Allocator allocator : made.reversed()) {
            if (allocator.isOpen()) {
                allocator.close();
            }
        }
    }

    @Test
    void nestedScopesRestoreTheOuterAllocatorInnermostFirst() {
        try (AllocatorScope outer = CurrentAllocator.use(a)) {
            assertSame(a, outer.allocator());
            try (var _ = CurrentAllocator.use(b)) {
                try (var _ = CurrentAllocator.use(c)) {
                    assertSame(c, CurrentAllocator.get());
                    assertSame(c, RoutingHeap.target());
                }
                assertSame(b, CurrentAllocator.get());
            }
            assertSame(a, CurrentAllocator.get());
        }
        assertNull(CurrentAllocator.get());
        assertTrue(CurrentAllocator.current().isEmpty());
        assertSame(Allocators.defaultAllocator(), RoutingHeap.target());
    }

    @Test
    void closingOutOfOrderThrowsAndChangesNothing() {
        AllocatorScope outer = CurrentAllocator.use(a);
        AllocatorScope inner = CurrentAllocator.use(b);

        IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);

        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
        assertSame(b, CurrentAllocator.get(), "a refused close changes nothing");
        inner.close();
        assertSame(a, CurrentAllocator.get());
        outer.close();
        assertNull(CurrentAllocator.get());
        assertThrows(IllegalStateException.class, outer::close, "closing twice is refused");
        assertNull(CurrentAllocator.get());
    }

    @Test
    void exitRestoresTheAllocatorCurrentBeforeEnterAndNeverClears() {
        try (var _ = CurrentAllocator.use(a)) {
            CurrentAllocator.enter(b);
            CurrentAllocator.enter(c);
            assertSame(c, CurrentAllocator.get());
            CurrentAllocator.exit();
            assertSame(b, CurrentAllocator.get());
            CurrentAllocator.exit();
            assertSame(a, CurrentAllocator.get(), "exit restores the outer allocator instead of clearing");

            assertThrows(IllegalStateException.class, CurrentAllocator::exit, "the innermost level was opened by use, not enter");
            assertSame(a, CurrentAllocator.get());
        }
        assertThrows(IllegalStateException.class, CurrentAllocator::exit);
        assertNull(CurrentAllocator.get());
    }

    @Test
    void aScopeCannotCloseWhileAnEnteredLevelIsInsideIt() {
        AllocatorScope scope = CurrentAllocator.use(a);
        CurrentAllocator.enter(b);

        assertThrows(IllegalStateException.class, scope::close);

        assertSame(b, CurrentAllocator.get());
        CurrentAllocator.exit();
        scope.close();
    }

    @Test
    void scopedValueBindingsNestWithScopes() throws Exception {
        try (var _ = CurrentAllocator.use(a)) {
            CurrentAllocator.run(b, () -> {
                assertSame(b, CurrentAllocator.get());
                try (var _ = CurrentAllocator.use(c)) {
                    assertSame(c, CurrentAllocator.get());
                }
                assertSame(b, CurrentAllocator.get());
                String name = CurrentAllocator.call(c, () -> CurrentAllocator.get().name());
                assertEquals(c.name(), name);
                assertSame(b, CurrentAllocator.get());
            });
            assertSame(a, CurrentAllocator.get());
        }
        assertSame(b, CurrentAllocator.call(b, CurrentAllocator::get));
        assertNull(CurrentAllocator.get());
    }

    @Test
    void aScopeLeftOpenInsideRunIsReportedAndUndone() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CurrentAllocator.run(b, () -> CurrentAllocator.use(c)));

        assertTrue(e.getMessage().contains("still open"), e.getMessage());
        assertNull(CurrentAllocator.get());
    }

    @Test
    void aClosedAllocatorCannotBecomeCurrent() {
        Allocator closed = create("arena");
        closed.close();

        assertThrows(IllegalStateException.class, () -> CurrentAllocator.use(closed));
        assertThrows(IllegalStateException.class, () -> CurrentAllocator.enter(closed));
        assertThrows(IllegalStateException.class, () -> CurrentAllocator.run(closed, () -> { }));
        assertNull(CurrentAllocator.get());
    }

    @Test
    void thousandVirtualThreadsEachSeeOnlyTheirOwnArena() throws InterruptedException {
        int threads = 1_000;
        CountDownLatch allInScope = new CountDownLatch(threads);
        CountDownLatch checked = new CountDownLatch(1);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                int id = i;
                executor.submit(() -> {
                    try (Allocator own = Allocators.create("arena", AllocatorConfig.of("chunkSize", "1k", "name", "arena-" + id))) {
                        try (var _ = CurrentAllocator.use(own)) {
                            allInScope.countDown();
                            // Every thread is inside its scope at once before any of them checks.
                            if (!checked.await(30, TimeUnit.SECONDS)) {
                                failures.add(id + ": timed out waiting for the other threads");
                            }
                            long address = NativeHeap.allocateAddress(16, 8, BlockKind.NOREFS);
                            if (CurrentAllocator.get() != own || RoutingHeap.ownerOf(address) != own) {
                                failures.add(id + ": saw " + CurrentAllocator.get() + ", block owned by " + RoutingHeap.ownerOf(address));
                            }
                        }
                        if (CurrentAllocator.get() != null) {
                            failures.add(id + ": still saw " + CurrentAllocator.get() + " after closing its scope");
                        }
                    } catch (Throwable t) {
                        failures.add(id + ": " + t);
                    }
                    return null;
                });
            }
            boolean allStarted = allInScope.await(30, TimeUnit.SECONDS);
            assertNull(CurrentAllocator.get(), "the test thread sees none of the virtual threads' arenas");
            checked.countDown();
            assertTrue(allStarted, "not every virtual thread reached its scope");
        }
        assertEquals(List.of(), List.copyOf(failures));
    }

    @Test
    void aConfinedArenaUsedFromAnotherThreadThrowsWrongThreadException() throws InterruptedException {
        Allocator arena = a;

        Throwable direct = failureOnAnotherThread(() -> arena.allocate(16, 8));
        Throwable routed = failureOnAnotherThread(() -> {
            try (var _ = CurrentAllocator.use(arena)) {
                NativeHeap.allocateAddress(16, 8, BlockKind.NOREFS);
            }
        });

        assertInstanceOf(WrongThreadException.class, direct);
        assertInstanceOf(WrongThreadException.class, routed);
        assertEquals(16, arena.allocate(16, 8).byteSize(), "the owner thread still uses the arena");
    }

    @Test
    void aScopeClosedByAnotherThreadThrowsWrongThreadException() throws InterruptedException {
        AllocatorScope scope = CurrentAllocator.use(b);

        Throwable t = failureOnAnotherThread(scope::close);

        assertInstanceOf(WrongThreadException.class, t);
        assertSame(b, CurrentAllocator.get());
        scope.close();
    }

    /** Runs {@code action} on a new virtual thread and returns what it threw (null if nothing). */
    private static Throwable failureOnAnotherThread(Runnable action) throws InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }).join();
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
