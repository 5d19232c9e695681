package dev.arbor.it.safety;

import dev.arbor.api.BlockKind;
import dev.arbor.api.InvalidFreeException;
import dev.arbor.api.scope.AllocatorScope;
import dev.arbor.api.scope.CurrentAllocator;
import dev.arbor.arena.ArenaAllocator;
import dev.arbor.arena.ResetMode;
import dev.arbor.collections.Copier;
import dev.arbor.collections.champ.PersistentMap;
import dev.arbor.collections.champ.TransientMap;
import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.vector.PersistentVector;
import dev.arbor.collections.vector.TransientVector;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Call sequences that read released native memory if Arbor's lifetime checks have a gap: run in a
 * child JVM ({@link MemorySafetyTest}), since such a gap can crash the JVM. Exit code 0: every
 * read gave the right answer or the documented exception; 3: a read gave a wrong answer or an
 * undocumented outcome (printed); a JVM crash exits otherwise.
 *
 * <p>Arguments: the scenario's name, its seed, then its own arguments.
 */
public final class MisuseScenarios {
    static final int ENTRIES = 200_000;
    static final int READERS = 3;

    private MisuseScenarios() {
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[1]);
        String outcome = switch (args[0]) {
            case "sharedReadersDuringReset" -> sharedReadersDuringReset(seed, args[2].equals("FREE_ALL") ? ResetMode.FREE_ALL : ResetMode.RETAIN_CAPACITY, args[3].equals("close"));
            case "confinedValueReadElsewhere" -> confinedValueReadElsewhere(seed, args[2].equals("close"));
            case "copierAfterTargetEnds" -> copierAfterTargetEnds(seed, args[2].equals("vector"), args[3].equals("close"));
            case "largeSegmentAfterFree" -> largeSegmentAfterFree(args[2].equals("shared"));
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        };
        if (outcome != null) {
            System.out.println("WRONG (seed " + seed + "): " + outcome);
            System.exit(3);
        }
        System.out.println("OK");
    }

    static long valueOf(long seed, long key) {
        return key * 31 + seed;
    }

    static PersistentMap<Long, Long> map(long seed, int entries) {
        TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
        for (long k = 0; k < entries; k++) {
            t.putLong(k, valueOf(seed, k));
        }
        return t.persistent();
    }

    static PersistentVector<Long> vector(long seed, int elements) {
        TransientVector<Long> t = PersistentVector.empty(Codec.LONG).asTransient();
        for (long i = 0; i < elements; i++) {
            t.appendLong(valueOf(seed, i));
        }
        return t.persistent();
    }

    /**
     * Readers on other threads loop over a shared arena's map and vector while the owner resets
     * the arena, fills the reused memory with other values, and then closes or resets again.
     * Every read must be right or throw {@link IllegalStateException}.
     */
    static String sharedReadersDuringReset(long seed, ResetMode mode, boolean close) throws Exception {
        ArenaAllocator arena = ArenaAllocator.builder().shared(true).resetMode(mode).chunkSize(1 << 20).build();
        PersistentMap<Long, Long> map;
        PersistentVector<Long> vector;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            map = map(seed, ENTRIES);
            vector = vector(seed, ENTRIES);
        }
        AtomicReference<String> wrong = new AtomicReference<>();
        CountDownLatch reading = new CountDownLatch(READERS);
        AtomicLong reads = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            SplittableRandom random = new SplittableRandom(seed + r);
            int kind = r;
            Thread t = new Thread(() -> {
                long n = 0;
                try {
                    while (true) {
                        long k = random.nextInt(ENTRIES);
                        long got;
                        if (kind % 3 == 0) {
                            got = map.getLong(k);
                        } else if (kind % 3 == 1) {
                            got = vector.getLong((int) k);
                        } else {
                            long[] sum = {0};
                            map.forEachLong((key, v) -> sum[0] += v - valueOf(seed, key));
                            got = sum[0] + valueOf(seed, k);
                        }
                        if (got != valueOf(seed, k)) {
                            wrong.compareAndSet(null, "reader " + kind + " read " + got + " for " + k + ", expected " + valueOf(seed, k));
                            return;
                        }
                        if (++n == 100) {
                            reading.countDown();
                        }
                    }
                } catch (IllegalStateException stale) {
                    // The documented outcome once the generation ended.
                } catch (Throwable other) {
                    wrong.compareAndSet(null, "reader " + kind + " got " + other);
                } finally {
                    if (n < 100) {
                        reading.countDown();
                    }
                    reads.addAndGet(n);
                }
            });
            readers.add(t);
            t.start();
        }
        reading.await();
        arena.reset();
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            // Other values in the reused (or new) memory: a stale read would see them.
            map(seed + 1_000_003, ENTRIES);
            vector(seed + 1_000_003, ENTRIES);
        }
        if (close) {
            arena.close();
        } else {
            arena.reset(ResetMode.FREE_ALL);
        }
        for (Thread t : readers) {
            t.join();
        }
        if (!close) {
            arena.close();
        }
        System.out.println(reads.get() + " reads");
        return wrong.get();
    }

    /**
     * A reader on another thread uses a confined arena's map and vector while the owner resets
     * and closes it: every such read must throw {@link WrongThreadException}.
     */
    static String confinedValueReadElsewhere(long seed, boolean close) throws Exception {
        ArenaAllocator arena = ArenaAllocator.builder().resetMode(ResetMode.FREE_ALL).build();
        PersistentMap<Long, Long> map;
        PersistentVector<Long> vector;
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            map = map(seed, ENTRIES);
            vector = vector(seed, ENTRIES);
        }
        AtomicReference<String> wrong = new AtomicReference<>();
        AtomicBoolean ended = new AtomicBoolean();
        CountDownLatch tried = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 20_000 && wrong.get() == null; i++) {
                int k = random.nextInt(ENTRIES);
                List<Runnable> uses = List.<Runnable>of(() -> map.getLong(k), () -> vector.getLong(k), () -> map.containsKey((long) k),
                        () -> map.entrySet().iterator().next(), () -> vector.stream().findFirst(), () -> map.size());
                Runnable use = uses.get(i % uses.size());
                try {
                    use.run();
                    wrong.compareAndSet(null, "use " + (i % uses.size()) + " of a confined arena's value answered on another thread");
                } catch (WrongThreadException expected) {
                    // The documented outcome.
                } catch (IllegalStateException stale) {
                    // Also documented once the generation ended: its values are stale on every thread.
                    if (!ended.get()) {
                        wrong.compareAndSet(null, "use " + (i % uses.size()) + " got " + stale + " before the reset");
                    }
                } catch (Throwable other) {
                    wrong.compareAndSet(null, "use " + (i % uses.size()) + " got " + other);
                }
                if (i == 100) {
                    tried.countDown();
                }
            }
            tried.countDown();
        });
        reader.start();
        tried.await();
        ended.set(true);
        arena.reset();
        try (AllocatorScope s = CurrentAllocator.use(arena)) {
            map(seed + 7, ENTRIES);
        }
        if (close) {
            arena.close();
        }
        reader.join();
        if (!close) {
            arena.close();
        }
        return wrong.get();
    }

    /**
     * A copier into an arena is reused after that arena was reset (the copy must be made again,
     * and right) or closed (the copy must throw {@link IllegalStateException}).
     */
    static String copierAfterTargetEnds(long seed, boolean vector, boolean close) {
        int n = 2_000;
        ArenaAllocator target = ArenaAllocator.create();
        try (ArenaAllocator source = ArenaAllocator.create()) {
            PersistentMap<Long, Long> m;
            PersistentVector<Long> v;
            try (AllocatorScope s = CurrentAllocator.use(source)) {
                m = map(seed, n);
                v = vector(seed, n);
            }
            Copier copier = Copier.to(target);
            if (vector) {
                copier.copy(v);
            } else {
                copier.copy(m);
            }
            if (close) {
                target.close();
            } else {
                target.reset();
                try (AllocatorScope s = CurrentAllocator.use(target)) {
                    map(seed + 99, n); // other data where the first copies were
                }
            }
            try {
                if (vector) {
                    PersistentVector<Long> again = copier.copy(v);
                    for (int i = 0; i < n; i++) {
                        if (again.getLong(i) != valueOf(seed, i)) {
                            return "the vector copied again after the target's reset reads " + again.getLong(i) + " at " + i;
                        }
                    }
                } else {
                    PersistentMap<Long, Long> again = copier.copy(m);
                    for (long k = 0; k < n; k++) {
                        if (again.getLongOrDefault(k, -1) != valueOf(seed, k)) {
                            return "the map copied again after the target's reset maps " + k + " to " + again.getLongOrDefault(k, -1);
                        }
                    }
                }
                return close ? "a copy into a closed arena succeeded" : null;
            } catch (IllegalStateException refused) {
                return close ? null : "a copy after the target's reset failed: " + refused;
            }
        } finally {
            if (target.isOpen()) {
                target.close();
            }
        }
    }

    /**
     * Segments of large arena blocks (their own system blocks, above {@code largeThreshold}, mapped
     * and unmapped by the system allocator at this size) used after they were freed: every read
     * and every second free must throw, and blocks allocated meanwhile, often at a freed address,
     * must keep their bytes.
     */
    static String largeSegmentAfterFree(boolean shared) {
        long bytes = 4L << 20;
        try (ArenaAllocator arena = ArenaAllocator.builder().shared(shared).build()) {
            List<MemorySegment> live = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                MemorySegment freed = arena.allocate(bytes, 8, BlockKind.NOREFS);
                freed.fill((byte) 1);
                arena.free(freed);
                MemorySegment kept = arena.allocate(bytes, 8, BlockKind.NOREFS);
                kept.fill((byte) (i + 2));
                live.add(kept);
                try {
                    byte b = freed.get(ValueLayout.JAVA_BYTE, bytes - 1);
                    return "a freed large block's segment read " + b;
                } catch (IllegalStateException expected) {
                    // Its lifetime ended before the block went back to the system.
                }
                try {
                    arena.free(freed);
                    return "a second free of a large block was accepted";
                } catch (InvalidFreeException expected) {
                    // And the block now at that address, if any, stays allocated.
                }
            }
            for (int i = 0; i < live.size(); i++) {
                byte b = live.get(i).get(ValueLayout.JAVA_BYTE, bytes - 1);
                if (b != (byte) (i + 2)) {
                    return "live large block " + i + " reads " + b + " after the stale frees";
                }
            }
        }
        return null;
    }
}
