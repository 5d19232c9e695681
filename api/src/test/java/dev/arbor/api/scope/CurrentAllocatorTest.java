package dev.arbor.api.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.api.Allocator;
import dev.arbor.api.BlockKind;
import dev.arbor.api.TestAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CurrentAllocatorTest {
    private final TestAllocator a = new TestAllocator("a");
    private final TestAllocator b = new TestAllocator("b");
    private final TestAllocator c = new TestAllocator("c");

    @AfterEach
    void nothingLeftCurrent() {
        assertNull(CurrentAllocator.get(), "a test left an allocator current");
    }

    /** Every way of changing the current allocator moves this thread's change count, so no caller caching on it misses a change. */
    @Test
    void everyChangeOfTheCurrentAllocatorMovesTheChangeCount() {
        CurrentAllocator.ThreadLevels levels = CurrentAllocator.thisThread();
        assertSame(levels, CurrentAllocator.thisThread(), "one object per thread");
        long before = levels.changeCount();
        long inScope;
        try (var s = CurrentAllocator.use(a)) {
            inScope = levels.changeCount();
            assertTrue(inScope > before, "use");
        }
        long afterScope = levels.changeCount();
        assertTrue(afterScope > inScope, "close");
        CurrentAllocator.enter(b);
        long entered = levels.changeCount();
        assertTrue(entered > afterScope, "enter");
        CurrentAllocator.exit();
        long exited = levels.changeCount();
        assertTrue(exited > entered, "exit");
        long inside = CurrentAllocator.call(c, levels::changeCount);
        assertTrue(inside > exited, "call binds");
        assertTrue(levels.changeCount() > inside, "call unbinds");
        long unchanged = levels.changeCount();
        CurrentAllocator.get();
        assertEquals(unchanged, levels.changeCount(), "reading the current allocator changes nothing");
    }

    /** Another thread's levels are its own: changing them moves neither this thread's count nor its allocator. */
    @Test
    void anotherThreadsChangesLeaveThisThreadsCountAlone() throws Exception {
        CurrentAllocator.ThreadLevels levels = CurrentAllocator.thisThread();
        try (var s = CurrentAllocator.use(a)) {
            long before = levels.changeCount();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    assertNotSame(levels, CurrentAllocator.thisThread());
                    try (var t = CurrentAllocator.use(b)) {
                        assertSame(b, CurrentAllocator.get());
                    }
                    assertNull(CurrentAllocator.get());
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            other.join();
            assertNull(failure.get(), () -> "the other thread failed: " + failure.get());
            assertEquals(before, levels.changeCount());
            assertSame(a, CurrentAllocator.get());
        }
    }

    /**
     * More threads than the slots that tell a thread without levels apart cheaply, so some share a
     * slot with a thread that has a scope open: each one still sees exactly its own allocator, or none.
     */
    @Test
    void threadsSharingASlotWithAScopeStillSeeOnlyTheirOwnLevels() throws Exception {
        int threads = 200;
        CountDownLatch opened = new CountDownLatch(threads / 2);
        CountDownLatch checked = new CountDownLatch(threads);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            boolean withScope = i % 2 == 0;
            TestAllocator own = new TestAllocator("own-" + i);
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    if (withScope) {
                        try (var s = CurrentAllocator.use(own)) {
                            opened.countDown();
                            opened.await();
                            expect(own, wrong);
                            checked.countDown();
                            checked.await();
                        }
                    } else {
                        opened.await();
                        expect(null, wrong);
                        checked.countDown();
                        checked.await();
                    }
                    expect(null, wrong);
                } catch (InterruptedException e) {
                    wrong.add("interrupted");
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    private static void expect(Allocator expected, ConcurrentLinkedQueue<String> wrong) {
        Allocator seen = CurrentAllocator.get();
        if (seen != expected) {
            wrong.add(Thread.currentThread() + " saw " + (seen == null ? "none" : seen.name()) + " instead of "
                    + (expected == null ? "none" : expected.name()));
        }
    }

    @Test
    void scopesNestAndRestoreThePreviousAllocator() {
        assertNull(CurrentAllocator.get());
        try (var outer = CurrentAllocator.use(a)) {
            assertSame(a, CurrentAllocator.get());
            try (var inner = CurrentAllocator.use(b)) {
                assertSame(b, CurrentAllocator.get());
                try (var defaults = CurrentAllocator.useDefault()) {
                    assertNull(CurrentAllocator.get(), "useDefault selects the default allocator");
                }
                assertSame(b, CurrentAllocator.get());
            }
            assertSame(a, CurrentAllocator.get());
        }
        assertNull(CurrentAllocator.get());
    }

    @Test
    void outOfOrderCloseThrowsAndChangesNothing() {
        AllocatorScope outer = CurrentAllocator.use(a);
        AllocatorScope inner = CurrentAllocator.use(b);
        IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
        assertSame(b, CurrentAllocator.get(), "a refused close must not change the current allocator");
        inner.close();
        assertSame(a, CurrentAllocator.get());
        outer.close();
        assertThrows(IllegalStateException.class, outer::close, "closing twice is a bug worth seeing");
    }

    @Test
    void aScopeMustBeClosedByItsOwnThread() throws Exception {
        AllocatorScope scope = CurrentAllocator.use(a);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                scope.close();
            } catch (Throwable x) {
                thrown.set(x);
            }
        });
        t.join();
        assertTrue(thrown.get() instanceof WrongThreadException, String.valueOf(thrown.get()));
        assertSame(a, CurrentAllocator.get());
        scope.close();
    }

    @Test
    void exitRestoresThePreviousAllocatorAndNeverClears() {
        try (var scope = CurrentAllocator.use(a)) {
            CurrentAllocator.enter(b);
            CurrentAllocator.enter(c);
            assertSame(c, CurrentAllocator.get());
            CurrentAllocator.exit();
            assertSame(b, CurrentAllocator.get());
            CurrentAllocator.exit();
            assertSame(a, CurrentAllocator.get(), "exit restores what was current before enter");
            assertThrows(IllegalStateException.class, CurrentAllocator::exit, "the innermost level is a scope, not an enter");
            assertSame(a, CurrentAllocator.get());
        }
        assertThrows(IllegalStateException.class, CurrentAllocator::exit);
    }

    @Test
    void scopedValueFormNestsWithScopes() {
        try (var scope = CurrentAllocator.use(a)) {
            String seen = CurrentAllocator.call(b, () -> {
                assertSame(b, CurrentAllocator.get());
                try (var inner = CurrentAllocator.use(c)) {
                    assertSame(c, CurrentAllocator.get(), "a scope opened inside the binding is innermost");
                }
                assertSame(b, CurrentAllocator.get());
                return CurrentAllocator.get().name();
            });
            assertEquals("b", seen);
            assertSame(a, CurrentAllocator.get());
        }
    }

    @Test
    void aScopeLeftOpenInsideTheScopedValueFormIsReported() {
        assertThrows(IllegalStateException.class, () -> CurrentAllocator.run(a, () -> CurrentAllocator.use(b)));
        assertNull(CurrentAllocator.get(), "the thread's stack is restored");
    }

    @Test
    void virtualThreadsEachHaveTheirOwnCurrentAllocator() throws Exception {
        int threads = 200;
        CountDownLatch allSet = new CountDownLatch(threads);
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        List<TestAllocator> allocators = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            allocators.add(new TestAllocator("vt-" + i));
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (TestAllocator mine : allocators) {
                executor.submit(() -> {
                    try (var scope = CurrentAllocator.use(mine)) {
                        allSet.countDown();
                        allSet.await();
                        Thread.yield();
                        if (CurrentAllocator.get() != mine) {
                            mismatches.add(mine.name() + " saw " + CurrentAllocator.get());
                        }
                        CurrentAllocator.tryAllocate(8, 8, BlockKind.NOREFS).orElseThrow();
                    }
                    return null;
                });
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.toString());
        for (TestAllocator mine : allocators) {
            assertEquals(1, mine.allocations, mine.name() + " served exactly its own thread");
        }
    }

    @Test
    void tryAllocateIsEmptyWhenNothingIsCurrent() {
        assertTrue(CurrentAllocator.tryAllocate(16, 8, BlockKind.NOREFS).isEmpty());
        try (var scope = CurrentAllocator.use(a)) {
            assertEquals(16, CurrentAllocator.tryAllocate(16, 8, BlockKind.NOREFS).orElseThrow().byteSize());
        }
        assertEquals(1, a.allocations);
    }

    @Test
    void aClosedAllocatorCannotBecomeCurrent() {
        a.close();
        assertThrows(IllegalStateException.class, () -> CurrentAllocator.use(a));
        assertThrows(IllegalStateException.class, () -> CurrentAllocator.enter(a));
    }
}
