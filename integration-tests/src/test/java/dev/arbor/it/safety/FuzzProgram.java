package dev.arbor.it.safety;

import dev.arbor.api.Allocator;
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
import dev.arbor.counting.CountingAllocator;
import dev.arbor.debug.DebugAllocator;
import dev.arbor.debug.LeakDetection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One seeded random program over Arbor's public API, every answer checked against a
 * {@code java.util} model: values built in a confined arena, a shared arena, the debug allocator
 * or the heap; updates, reads, views, iterators, transients, copiers kept across steps,
 * serialization, resets in every mode, closes, frees of stale blocks, and reads on other threads,
 * some racing a reset. Each outcome must be the right answer or the exception the safety model
 * documents ({@code docs/memory-safety.md}); anything else is a {@link Misuse} naming the step.
 * A crash ends the JVM, which is why {@link MisuseFuzzTest} runs programs in child JVMs.
 */
final class FuzzProgram {
    /** An outcome the safety model does not allow. */
    static final class Misuse extends RuntimeException {
        Misuse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A value and its model; {@code alloc == null} for a managed value. */
    private record Val(boolean vector, Object value, Object model, Allocator alloc, long generation) {
        Val {
            // An empty value holds no node: it is the shared managed constant, whatever was current.
            if (model instanceof List<?> l ? l.isEmpty() : ((Map<?, ?>) model).isEmpty()) {
                alloc = null;
                generation = 0;
            }
        }
    }

    /** A segment, the allocator that handed it out, the byte written over it, whether it was freed. */
    private static final class SegmentOf {
        final Allocator alloc;
        final MemorySegment segment;
        final byte fill;
        final int step;
        boolean freed;

        SegmentOf(Allocator alloc, MemorySegment segment, byte fill, int step) {
            this.alloc = alloc;
            this.segment = segment;
            this.fill = fill;
            this.step = step;
        }

        /** A block above the arena's default large threshold (chunkSize / 4): it goes back to the system when freed. */
        boolean large() {
            return segment.byteSize() > LARGE_BYTES / 2;
        }
    }

    private static final long LARGE_BYTES = 300_000;
    private static final int CONFINED = 0;
    private static final int SHARED = 1;
    private static final int DEBUG = 2;
    /** A counter over a shared arena of its own. */
    private static final int COUNTING = 3;

    private final SplittableRandom random;
    private final long seed;
    private final Allocator[] allocs = new Allocator[4];
    private final List<Val> values = new ArrayList<>();
    private final List<Copier> copiers = new ArrayList<>();
    private final List<SegmentOf> segments = new ArrayList<>();
    private int step;
    private String op = "";

    FuzzProgram(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < allocs.length; i++) {
            allocs[i] = newAllocator(i);
        }
        copiers.add(Copier.toHeap());
    }

    /** Runs {@code steps} steps; returns how many ran. */
    int run(int steps) throws Exception {
        try {
            for (step = 0; step < steps; step++) {
                oneStep();
            }
            return steps;
        } finally {
            for (Allocator a : allocs) {
                closeWithDelegate(a);
            }
        }
    }

    private Allocator newAllocator(int slot) {
        return switch (slot) {
            case CONFINED -> ArenaAllocator.builder().chunkSize(64 * 1024).resetMode(randomMode()).build();
            case SHARED -> ArenaAllocator.builder().shared(true).chunkSize(64 * 1024).resetMode(randomMode()).build();
            case DEBUG -> DebugAllocator.builder().leakDetection(LeakDetection.OFF).quarantineBytes(256 * 1024).build();
            default -> CountingAllocator.over(ArenaAllocator.builder().shared(true).chunkSize(64 * 1024).build());
        };
    }

    /** Closes {@code a} if open, and a counter's own arena with it. */
    private static void closeWithDelegate(Allocator a) {
        if (a.isOpen()) {
            a.close();
        }
        if (a instanceof CountingAllocator counter && counter.delegate().isOpen()) {
            counter.delegate().close();
        }
    }

    private ResetMode randomMode() {
        return switch (random.nextInt(3)) {
            case 0 -> ResetMode.FREE_ALL;
            case 1 -> ResetMode.RETAIN_CAPACITY;
            default -> ResetMode.retainWithLimit(128 * 1024);
        };
    }

    private void oneStep() throws Exception {
        int pick = random.nextInt(100);
        if (values.isEmpty() || pick < 14) {
            build();
        } else if (pick < 34) {
            read(anyValue());
        } else if (pick < 44) {
            update(anyValue());
        } else if (pick < 50) {
            reset(random.nextInt(allocs.length));
        } else if (pick < 53) {
            close(random.nextInt(allocs.length));
        } else if (pick < 61) {
            copy(anyValue());
        } else if (pick < 67) {
            readElsewhere(anyValue());
        } else if (pick < 71) {
            raceReset();
        } else if (pick < 76) {
            serialize(anyValue());
        } else if (pick < 82) {
            iterateAcrossReset(anyValue());
        } else if (pick < 87) {
            transientMisuse(anyValue());
        } else if (pick < 93) {
            rawMemory();
        } else if (pick < 95) {
            scopeMisuse();
        } else {
            values.removeIf(v -> random.nextInt(3) == 0);
        }
    }

    /** {@code a} current, or the default (the managed heap) for {@code null}. */
    private static AllocatorScope scope(Allocator a) {
        return a == null ? CurrentAllocator.useDefault() : CurrentAllocator.use(a);
    }

    private Val anyValue() {
        return values.get(random.nextInt(values.size()));
    }

    private static boolean live(Val v) {
        return v.alloc == null || v.alloc.isOpen() && v.alloc.generation() == v.generation;
    }

    // ---- steps ----

    private void build() {
        int slot = random.nextInt(allocs.length + 1);
        Allocator a = slot == allocs.length ? null : allocs[slot];
        boolean vector = random.nextBoolean();
        int n = random.nextInt(4) == 0 ? random.nextInt(3000) : random.nextInt(40);
        op = "build " + (vector ? "vector" : "map") + " of " + n + " in " + name(a);
        long blocksBefore = a instanceof CountingAllocator counter ? counter.snapshot().blocks() : 0;
        try (AllocatorScope s = scope(a)) {
            if (vector) {
                List<Long> model = new ArrayList<>();
                PersistentVector<Long> v = PersistentVector.empty(Codec.LONG);
                if (random.nextBoolean()) {
                    var t = v.asTransient();
                    for (int i = 0; i < n; i++) {
                        long e = random.nextLong();
                        t.appendLong(e);
                        model.add(e);
                    }
                    v = t.persistent();
                } else {
                    for (int i = 0; i < n; i++) {
                        long e = random.nextLong();
                        v = v.appendLong(e);
                        model.add(e);
                    }
                }
                values.add(new Val(true, v, model, a, a == null ? 0 : a.generation()));
            } else {
                TreeMap<Long, Long> model = new TreeMap<>();
                TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (int i = 0; i < n; i++) {
                    long k = random.nextInt(5000);
                    long v = random.nextLong();
                    t.putLong(k, v);
                    model.put(k, v);
                }
                values.add(new Val(false, t.persistent(), model, a, a == null ? 0 : a.generation()));
            }
        } catch (IllegalStateException closedOrThread) {
            throw misuse("building in an open allocator on its own thread failed", closedOrThread);
        }
        if (a instanceof CountingAllocator counter && n > 0 && counter.snapshot().blocks() == blocksBefore) {
            throw misuse("the counter counted no block for a build of " + n, null);
        }
    }

    @SuppressWarnings("unchecked")
    private void read(Val v) {
        op = "read " + describe(v);
        boolean live = live(v);
        expect(live, () -> {
            check(v);
            return null;
        });
    }

    /** Reads {@code v} in full (sizes, lookups, views, walks) and compares with its model. */
    @SuppressWarnings("unchecked")
    private void check(Val v) {
        if (v.vector) {
            PersistentVector<Long> vec = (PersistentVector<Long>) v.value;
            List<Long> model = (List<Long>) v.model;
            same(model.size(), vec.size(), "size");
            for (int i = 0; i < Math.min(model.size(), 50); i++) {
                int at = random.nextInt(model.size());
                same(model.get(at), vec.getLong(at), "getLong(" + at + ")");
            }
            long[] sum = {0};
            vec.forEachLong(e -> sum[0] += e);
            same(model.stream().mapToLong(Long::longValue).sum(), sum[0], "forEachLong sum");
            same(true, vec.equals(model), "equals model");
        } else {
            PersistentMap<Long, Long> map = (PersistentMap<Long, Long>) v.value;
            Map<Long, Long> model = (Map<Long, Long>) v.model;
            same(model.size(), map.size(), "size");
            same(model.size(), map.keySet().size(), "keySet().size()");
            same(model.size(), map.values().size(), "values().size()");
            same(model.isEmpty(), map.entrySet().isEmpty(), "entrySet().isEmpty()");
            for (int i = 0; i < 30; i++) {
                long k = random.nextInt(5000);
                same(model.getOrDefault(k, -1L), map.getLongOrDefault(k, -1L), "getLongOrDefault(" + k + ")");
                same(model.containsKey(k), map.keySet().contains(k), "keySet().contains(" + k + ")");
            }
            long[] sum = {0};
            map.forEachLong((k, x) -> sum[0] += k * 31 + x);
            same(model.entrySet().stream().mapToLong(e -> e.getKey() * 31 + e.getValue()).sum(), sum[0], "forEachLong sum");
            same(true, map.equals(model), "equals model");
        }
    }

    @SuppressWarnings("unchecked")
    private void update(Val v) {
        Allocator current = v.alloc != null && random.nextInt(4) != 0 ? v.alloc
                : random.nextBoolean() ? null : allocs[random.nextInt(allocs.length)];
        op = "update " + describe(v) + " with " + name(current) + " current";
        // A managed value may be updated under anything (it then becomes native); a native one under its own allocator.
        boolean allowed = live(v) && (v.alloc == null || current == v.alloc);
        Val result = expect(allowed, () -> {
            try (AllocatorScope s = scope(current)) {
                if (v.vector) {
                    PersistentVector<Long> vec = (PersistentVector<Long>) v.value;
                    List<Long> model = new ArrayList<>((List<Long>) v.model);
                    int kind = random.nextInt(3);
                    if (kind == 0 || model.isEmpty()) {
                        long e = random.nextLong();
                        vec = vec.appendLong(e);
                        model.add(e);
                    } else if (kind == 1) {
                        int at = random.nextInt(model.size());
                        long e = random.nextLong();
                        vec = vec.withLong(at, e);
                        model.set(at, e);
                    } else {
                        vec = vec.pop();
                        model.remove(model.size() - 1);
                    }
                    return result(v, vec, model, current);
                }
                PersistentMap<Long, Long> map = (PersistentMap<Long, Long>) v.value;
                TreeMap<Long, Long> model = new TreeMap<>((Map<Long, Long>) v.model);
                long k = random.nextInt(5000);
                if (random.nextBoolean()) {
                    long x = random.nextLong();
                    map = map.plusLong(k, x);
                    model.put(k, x);
                } else {
                    map = map.minusLong(k);
                    model.remove(k);
                }
                return result(v, map, model, current);
            }
        });
        if (result != null) {
            values.add(result);
        }
    }

    /** An update's result: the value itself when nothing changed, else a value in {@code current}. */
    private static Val result(Val v, Object updated, Object model, Allocator current) {
        if (updated == v.value) {
            return v;
        }
        return new Val(v.vector, updated, model, current, current == null ? 0 : current.generation());
    }

    private void reset(int slot) {
        Allocator a = allocs[slot];
        op = "reset " + name(a);
        if (a instanceof ArenaAllocator arena) {
            arena.reset(randomMode());
        } else {
            a.reset();
        }
    }

    private void close(int slot) {
        op = "close " + name(allocs[slot]);
        closeWithDelegate(allocs[slot]);
        allocs[slot] = newAllocator(slot);
        if (random.nextBoolean()) {
            copiers.add(Copier.to(allocs[slot]));
        }
    }

    private void copy(Val v) {
        if (random.nextInt(4) == 0) {
            copiers.add(Copier.to(allocs[random.nextInt(allocs.length)]));
        }
        Copier copier = copiers.get(random.nextInt(copiers.size()));
        Allocator target = copier.target();
        op = "copy " + describe(v) + " with " + copier;
        boolean returnedAsIs = v.alloc == null;
        boolean allowed = live(v) && (returnedAsIs || target == null || target.isOpen());
        boolean sameMemory = v.alloc != null && target != null && v.alloc == target;
        Val result = expect(allowed, () -> {
            Object copied = v.vector ? copier.copy((PersistentVector<?>) v.value) : copier.copy((PersistentMap<?, ?>) v.value);
            Allocator in = returnedAsIs ? null : sameMemory ? v.alloc : target;
            return new Val(v.vector, copied, v.model, in, returnedAsIs || sameMemory ? v.generation : in == null ? 0 : in.generation());
        });
        if (result != null) {
            values.add(result);
            op = "read the copy " + describe(result);
            check(result);
        }
    }

    /** A read on another thread: confined values refuse it, others answer while live. */
    private void readElsewhere(Val v) throws InterruptedException {
        op = "read on another thread " + describe(v);
        boolean confined = v.alloc instanceof ArenaAllocator a && !a.isShared();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        boolean live = live(v);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                check(v);
                if (confined || !live) {
                    failure.set(new AssertionError("answered"));
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join();
        Throwable e = failure.get();
        if (confined && live) {
            if (!(e instanceof WrongThreadException)) {
                throw misuse("a confined arena's live value on another thread must throw WrongThreadException", e);
            }
        } else if (!live) {
            if (!(e instanceof IllegalStateException || confined && e instanceof WrongThreadException)) {
                throw misuse("a stale value on another thread must throw IllegalStateException", e);
            }
        } else if (e != null) {
            throw misuse("a live shared value read on another thread", e);
        }
    }

    /** Readers on other threads while the owner of a shared value resets it. */
    @SuppressWarnings("unchecked")
    private void raceReset() throws InterruptedException {
        int slot = new int[] {SHARED, DEBUG, COUNTING}[random.nextInt(3)];
        Allocator a = allocs[slot];
        int n = 200 + random.nextInt(3000);
        // Long values are read from the nodes; String values through the root table as well.
        boolean objects = random.nextBoolean();
        PersistentMap<Long, Long> longs = null;
        PersistentMap<Long, String> strings = null;
        try (AllocatorScope s = scope(a)) {
            if (objects) {
                TransientMap<Long, String> t = PersistentMap.empty(Codec.LONG, Codec.<String>object()).asTransient();
                for (long k = 0; k < n; k++) {
                    t.put(k, Long.toString(k * 7 + seed));
                }
                strings = t.persistent();
            } else {
                TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
                for (long k = 0; k < n; k++) {
                    t.putLong(k, k * 7 + seed);
                }
                longs = t.persistent();
            }
        }
        PersistentMap<Long, Long> longMap = longs;
        PersistentMap<Long, String> stringMap = strings;
        AtomicBoolean resetting = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        op = "race " + count + " readers against a reset of " + name(a);
        for (int r = 0; r < count; r++) {
            long readerSeed = random.nextLong();
            readers.add(Thread.ofPlatform().start(() -> {
                SplittableRandom own = new SplittableRandom(readerSeed);
                try {
                    for (int i = 0; i < 20_000; i++) {
                        long k = own.nextInt(n);
                        boolean size = own.nextInt(8) == 0;
                        long got = size ? (objects ? stringMap.size() : longMap.size())
                                : objects ? Long.parseLong(stringMap.get(k)) : longMap.getLong(k);
                        long want = size ? n : k * 7 + seed;
                        if (got != want) {
                            failure.compareAndSet(null, new AssertionError("read " + got + " for key " + k + ", expected " + want));
                            return;
                        }
                    }
                } catch (IllegalStateException stale) {
                    if (!resetting.get()) {
                        failure.compareAndSet(null, stale);
                    }
                } catch (Throwable other) {
                    failure.compareAndSet(null, other);
                }
            }));
        }
        Thread.sleep(random.nextInt(3));
        resetting.set(true);
        a.reset();
        try (AllocatorScope s = scope(a)) {
            // Other data where the map was.
            TransientMap<Long, Long> t = PersistentMap.empty(Codec.LONG, Codec.LONG).asTransient();
            for (long k = 0; k < n; k++) {
                t.putLong(k, -k);
            }
            t.persistent();
        }
        for (Thread t : readers) {
            t.join();
        }
        if (failure.get() != null) {
            throw misuse("a reader racing a reset read a wrong answer or failed before the reset", failure.get());
        }
    }

    private void serialize(Val v) throws Exception {
        op = "serialize " + describe(v);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean written = expect(live(v), () -> {
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(v.value);
            }
            return true;
        }) != null;
        if (written) {
            Allocator into = random.nextBoolean() ? allocs[random.nextInt(allocs.length)] : null;
            op = "deserialize " + describe(v) + " into " + name(into);
            try (AllocatorScope s = scope(into);
                 ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                Val back = new Val(v.vector, in.readObject(), v.model, into, into == null ? 0 : into.generation());
                values.add(back);
                check(back);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void iterateAcrossReset(Val v) {
        op = "iterate " + describe(v) + " across a reset of its allocator";
        int size = v.vector ? ((List<Long>) v.model).size() : ((Map<Long, Long>) v.model).size();
        if (!live(v) || size == 0) {
            return;
        }
        Iterator<?> it = v.vector ? ((PersistentVector<Long>) v.value).iterator()
                : ((PersistentMap<Long, Long>) v.value).entrySet().iterator();
        Object first = it.next();
        if (v.vector ? !((List<Long>) v.model).contains(first) : !((Map<Long, Long>) v.model).entrySet().contains(first)) {
            throw misuse("the iterator's first element " + first + " is not in the model", null);
        }
        // With elements left after the first, the next read must refuse; with none, nothing is read.
        boolean resets = v.alloc != null && size > 1 && random.nextBoolean();
        if (resets) {
            v.alloc.reset();
        }
        expect(!resets, () -> {
            while (it.hasNext()) {
                it.next();
            }
            return true;
        });
    }

    @SuppressWarnings("unchecked")
    private void transientMisuse(Val v) {
        if (v.vector) {
            return;
        }
        op = "transient of " + describe(v);
        AtomicReference<TransientMap<Long, Long>> t = new AtomicReference<>();
        Object made = expect(live(v), () -> {
            try (AllocatorScope s = scope(v.alloc)) {
                t.set(((PersistentMap<Long, Long>) v.value).asTransient());
                t.get().putLong(random.nextInt(5000), 1);
                return t.get().persistent();
            }
        });
        if (made != null) {
            op = "use a transient after persistent()";
            expect(false, () -> t.get().putLong(1, 1));
        }
    }

    /**
     * Scopes closed out of order (refused, nothing changes), then in order; a parallel stream
     * over a value (its splits run on pool threads: a confined value refuses them).
     */
    @SuppressWarnings("unchecked")
    private void scopeMisuse() {
        Allocator first = allocs[random.nextInt(allocs.length)];
        Allocator second = allocs[random.nextInt(allocs.length)];
        op = "scopes of " + name(first) + " and " + name(second) + " closed out of order";
        Allocator before = CurrentAllocator.get();
        AllocatorScope outer = CurrentAllocator.use(first);
        AllocatorScope inner = CurrentAllocator.use(second);
        try {
            outer.close();
            throw misuse("an out-of-order scope close was accepted", null);
        } catch (IllegalStateException expected) {
            same(second, CurrentAllocator.get(), "the current allocator after a refused close");
        }
        inner.close();
        outer.close();
        same(before, CurrentAllocator.get(), "the current allocator after both scopes closed");
        if (values.isEmpty()) {
            return;
        }
        Val v = anyValue();
        op = "parallel sum of " + describe(v);
        boolean confined = v.alloc instanceof ArenaAllocator a && !a.isShared();
        try {
            long sum = v.vector ? ((PersistentVector<Long>) v.value).parallelStream().mapToLong(Long::longValue).sum()
                    : ((PersistentMap<Long, Long>) v.value).keySet().parallelStream().mapToLong(Long::longValue).sum();
            long want = v.vector ? ((List<Long>) v.model).stream().mapToLong(Long::longValue).sum()
                    : ((Map<Long, Long>) v.model).keySet().stream().mapToLong(Long::longValue).sum();
            if (!live(v)) {
                throw misuse("a stale value answered a parallel stream", null);
            }
            same(want, sum, "parallel sum");
        } catch (WrongThreadException refused) {
            if (!confined) {
                throw misuse("a value that is not confined refused a parallel stream", refused);
            }
        } catch (IllegalStateException refused) {
            if (live(v)) {
                throw misuse("a live value refused a parallel stream", refused);
            }
        }
    }

    /** Segments through the public allocator API: writes, reads and frees, stale and repeated ones included. */
    private void rawMemory() {
        int slot = random.nextInt(allocs.length);
        Allocator a = allocs[slot];
        int kind = random.nextInt(3);
        if (kind == 0) {
            long bytes = random.nextInt(8) == 0 ? LARGE_BYTES : 16;
            byte fill = (byte) random.nextInt(1, 128);
            op = "allocate a segment of " + bytes + " bytes in " + name(a);
            MemorySegment segment = a.allocate(bytes, 8, BlockKind.NOREFS);
            segment.fill(fill);
            segments.add(new SegmentOf(a, segment, fill, step));
        } else if (kind == 1 && !segments.isEmpty()) {
            SegmentOf s = segments.get(random.nextInt(segments.size()));
            boolean live = s.segment.scope().isAlive() && !s.freed;
            op = "free a segment (allocated at step " + s.step + ", " + s.segment.byteSize() + " bytes, freed before: "
                    + s.freed + ") of " + (s.segment.scope().isAlive() ? "this" : "an ended") + " generation of " + name(s.alloc);
            try {
                s.alloc.free(s.segment);
                // An arena cannot tell a second free of a block in a chunk from a first one: it only counts it.
                boolean onlyCounted = s.freed && !(s.alloc instanceof DebugAllocator) && !s.large() && s.segment.scope().isAlive();
                if (!live && !onlyCounted) {
                    throw misuse("a free of a freed or ended segment was accepted", null);
                }
                s.freed = true;
            } catch (InvalidFreeException | IllegalStateException refused) {
                if (live) {
                    throw misuse("a live segment's free was refused", refused);
                }
            }
        } else if (kind == 2 && !segments.isEmpty()) {
            SegmentOf s = segments.get(random.nextInt(segments.size()));
            op = "read a segment (allocated at step " + s.step + ", " + s.segment.byteSize() + " bytes, freed: " + s.freed
                    + ") of " + name(s.alloc);
            byte last;
            try {
                last = s.segment.get(ValueLayout.JAVA_BYTE, s.segment.byteSize() - 1);
            } catch (IllegalStateException ended) {
                if (s.segment.scope().isAlive()) {
                    throw misuse("a live segment refused a read", ended);
                }
                return;
            }
            if (!s.segment.scope().isAlive() || (s.freed && (s.large() || s.alloc instanceof DebugAllocator))) {
                throw misuse("a segment read after its lifetime ended", null);
            }
            if (!s.freed && last != s.fill) {
                throw misuse("a live segment reads " + last + " instead of " + s.fill, null);
            }
        }
    }

    // ---- expectations ----

    /** Runs {@code action}: it must succeed when {@code allowed}, else throw IllegalStateException. */
    private <T> T expect(boolean allowed, ThrowingSupplier<T> action) {
        try {
            T result = action.get();
            if (!allowed) {
                throw misuse("succeeded where IllegalStateException is documented", null);
            }
            return result;
        } catch (Misuse m) {
            throw m;
        } catch (IllegalStateException refused) {
            if (allowed) {
                throw misuse("threw where it should have succeeded", refused);
            }
            return null;
        } catch (Exception | Error e) {
            throw misuse("threw an undocumented " + e.getClass().getName(), e);
        }
    }

    private void same(Object want, Object got, String what) {
        if (!Objects.equals(want, got)) {
            throw misuse(what + " gave " + got + ", the model says " + want, null);
        }
    }

    private Misuse misuse(String what, Throwable cause) {
        return new Misuse("seed " + seed + " step " + step + " (" + op + "): " + what
                + (cause == null ? "" : ": " + cause), cause);
    }

    private String describe(Val v) {
        int size = v.vector ? ((List<?>) v.model).size() : ((Map<?, ?>) v.model).size();
        return (v.vector ? "vector" : "map") + " of " + size + " in " + name(v.alloc) + " gen " + v.generation + (live(v) ? "" : " (stale)");
    }

    private static String name(Allocator a) {
        return a == null ? "heap" : a.toString();
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

}
