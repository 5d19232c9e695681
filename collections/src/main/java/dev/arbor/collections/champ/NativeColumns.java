package dev.arbor.collections.champ;

import dev.arbor.api.BlockKind;
import dev.arbor.api.memory.NativeAllocator;
import dev.arbor.api.memory.NativeMemory;

/**
 * {@link PutColumns} in one native block of the transient's allocator, for inline keys and
 * values only (no JVM references): per put a key word, then a value word for maps. So a native
 * transient's buffer and scratch stay off the JVM heap, count against the allocator's limit, and
 * go back to it when the build is done (an arena also drops them at reset).
 */
final class NativeColumns extends PutColumns {
    private final NativeAllocator allocator;
    /** The generation the block belongs to: every access goes through it. */
    private final NativeMemory.Window memory;
    /** Words per put: 1 for sets, 2 for maps. */
    private final int words;
    final int capacity;
    /** The block, or 0 for no capacity. */
    final long address;

    /**
     * A block for {@code capacity} puts from {@code allocator}.
     *
     * @throws dev.arbor.api.AllocationFailedException if the allocator refuses it
     */
    NativeColumns(NativeAllocator allocator, int words, int capacity) {
        this.allocator = allocator;
        this.memory = allocator.accessWindow();
        this.words = words;
        this.capacity = capacity;
        this.address = capacity == 0 ? 0 : allocator.allocateAddress(bytes(), Long.BYTES, BlockKind.NOREFS);
    }

    private long bytes() {
        return (long) Long.BYTES * words * capacity;
    }

    private long slot(int i) {
        return address + (long) Long.BYTES * words * i;
    }

    void set(int i, long kw, long vw) {
        long s = slot(i);
        memory.putLong(s, kw);
        if (words == 2) {
            memory.putLong(s + Long.BYTES, vw);
        }
    }

    /** Copies the first {@code count} puts of {@code from} here. */
    void copyFrom(NativeColumns from, int count) {
        if (count > 0) {
            memory.copy(from.address, address, (long) Long.BYTES * words * count);
        }
    }

    @Override
    long key(int i) {
        return memory.getLong(slot(i));
    }

    @Override
    Object keyRef(int i) {
        return null;
    }

    @Override
    long value(int i) {
        return words == 2 ? memory.getLong(slot(i) + Long.BYTES) : 0;
    }

    @Override
    Object valueRef(int i) {
        return null;
    }

    @Override
    void countDigits(ChampTrie trie, int lo, int hi, int shift, int[] count) {
        long step = (long) Long.BYTES * words;
        for (long s = slot(lo), end = slot(hi); s < end; s += step) {
            count[digit(trie, memory.getLong(s), shift)]++;
        }
    }

    @Override
    void scatter(ChampTrie trie, int lo, int hi, int shift, PutColumns target, int[] end) {
        NativeColumns to = (NativeColumns) target;
        long step = (long) Long.BYTES * words;
        for (long s = slot(lo), stop = slot(hi); s < stop; s += step) {
            long kw = memory.getLong(s);
            long d = to.slot(end[digit(trie, kw, shift)]++);
            memory.putLong(d, kw);
            if (words == 2) {
                memory.putLong(d + Long.BYTES, memory.getLong(s + Long.BYTES));
            }
        }
    }

    @Override
    PutColumns scratch(int n) {
        return new NativeColumns(allocator, words, n);
    }

    @Override
    void release() {
        if (address != 0) {
            allocator.freeAddress(address, bytes());
        }
    }
}
