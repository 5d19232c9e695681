package dev.arbor.collections.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.collections.codec.Codec;
import dev.arbor.collections.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Persistent appends of {@code long}s share their tail with the value they append to and write
 * into its next free slot when no other value took it: appending to any earlier value, from any
 * thread, must still leave every value as its model.
 */
class SharedTailAppendTest {

    record Version(PersistentVector<Long> value, List<Long> model) {
    }

    @Test
    void appendingToEarlierValuesChangesNoOtherValue() {
        long seed = Seeds.seed();
        String msg = Seeds.replay(seed);
        Random rnd = new Random(seed);
        for (int start : new int[] {0, 1, 31, 32, 33, 1000, 1055}) {
            List<Version> versions = new ArrayList<>();
            List<Long> first = LongStream.range(0, start).boxed().toList();
            versions.add(new Version(PersistentVector.empty(Codec.LONG).appendAll(first), first));
            for (int step = 0; step < 3_000; step++) {
                // Mostly the newest values, which hold a tail's free slots, sometimes an old one.
                int pick = rnd.nextInt(4) == 0 ? rnd.nextInt(versions.size())
                        : Math.max(0, versions.size() - 1 - rnd.nextInt(3));
                Version from = versions.get(pick);
                List<Long> model = new ArrayList<>(from.model());
                PersistentVector<Long> v;
                int op = rnd.nextInt(10);
                if (op < 7 || model.isEmpty()) {
                    long e = rnd.nextLong();
                    v = rnd.nextBoolean() ? from.value().appendLong(e) : from.value().append(e);
                    model.add(e);
                } else if (op < 8) {
                    v = from.value().pop();
                    model.removeLast();
                } else if (op < 9) {
                    int i = rnd.nextInt(model.size());
                    v = from.value().withLong(i, -step);
                    model.set(i, (long) -step);
                } else {
                    int to = rnd.nextInt(model.size() + 1);
                    v = from.value().subList(0, to);
                    model = new ArrayList<>(model.subList(0, to));
                }
                versions.add(new Version(v, model));
            }
            for (int i = 0; i < versions.size(); i++) {
                assertEquals(versions.get(i).model(), versions.get(i).value(), msg + "start " + start + ", value " + i);
            }
        }
    }

    @Test
    void threadsAppendingToOneValueEachGetTheirOwnElements() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                int size = 1000 + round % 40;
                PersistentVector<Long> base = PersistentVector.empty(Codec.LONG).appendAll(LongStream.range(0, size).boxed().toList());
                // Ten appends first, so the base's tail has free slots for the threads to race for.
                for (long e = 0; e < round % 11; e++) {
                    base = base.appendLong(e);
                }
                PersistentVector<Long> shared = base;
                List<Long> baseModel = new ArrayList<>(base);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<PersistentVector<Long>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long id = t;
                    results.add(pool.submit(() -> {
                        start.await();
                        PersistentVector<Long> v = shared;
                        for (long j = 0; j < 40; j++) {
                            v = v.appendLong(id * 1_000_000 + j);
                        }
                        return v;
                    }));
                }
                for (int t = 0; t < threads; t++) {
                    List<Long> expected = new ArrayList<>(baseModel);
                    for (long j = 0; j < 40; j++) {
                        expected.add(t * 1_000_000 + j);
                    }
                    assertEquals(expected, results.get(t).get(), "round " + round + ", thread " + t);
                }
                assertEquals(baseModel, shared, "round " + round + ": the shared value");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
