package dev.arbor.collections.node;

/**
 * The memo of a copy: which copy each native node got, keyed by the node's address, so a node
 * reached twice (shared by two values, or twice in one) is copied once and the copies share it
 * too. Open addressing with linear probing; address 0 is never a key.
 */
public final class NodeMemo {
    private long[] keys = new long[64];
    private Object[] objs = new Object[64];
    private long[] addrs = new long[64];
    private int size;

    /** The slot of {@code address}, or -1 if it was not copied yet. */
    public int find(long address) {
        int mask = keys.length - 1;
        for (int i = mix(address) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == address) {
                return i;
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    /** The copy's object half at a slot from {@link #find}. */
    public Object obj(int slot) {
        return objs[slot];
    }

    /** The copy's address half at a slot from {@link #find}. */
    public long addr(int slot) {
        return addrs[slot];
    }

    /** Records that the node at {@code address} was copied to {@code (obj, addr)}. */
    public void put(long address, Object obj, long addr) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(address) & mask;
        while (keys[i] != 0 && keys[i] != address) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = address;
        objs[i] = obj;
        addrs[i] = addr;
    }

    /** How many nodes were copied. */
    public int size() {
        return size;
    }

    private void grow() {
        long[] k = keys;
        Object[] o = objs;
        long[] a = addrs;
        keys = new long[k.length * 2];
        objs = new Object[k.length * 2];
        addrs = new long[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (k[i] != 0) {
                put(k[i], o[i], a[i]);
            }
        }
    }

    private static int mix(long address) {
        long h = address * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    @Override
    public String toString() {
        return "NodeMemo[" + size + " copied nodes]";
    }
}
