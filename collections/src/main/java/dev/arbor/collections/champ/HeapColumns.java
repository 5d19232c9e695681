package dev.arbor.collections.champ;

/** {@link PutColumns} in JVM arrays; only the halves the codecs use exist. */
final class HeapColumns extends PutColumns {
    final long[] keys;
    /** Reference keys, or {@code null} for inline keys. */
    final Object[] keyRefs;
    /** Inline values, or {@code null}. */
    final long[] values;
    /** Reference values, or {@code null}. */
    final Object[] valueRefs;

    HeapColumns(long[] keys, Object[] keyRefs, long[] values, Object[] valueRefs) {
        this.keys = keys;
        this.keyRefs = keyRefs;
        this.values = values;
        this.valueRefs = valueRefs;
    }

    @Override
    long key(int i) {
        return keys[i];
    }

    @Override
    Object keyRef(int i) {
        return keyRefs == null ? null : keyRefs[i];
    }

    @Override
    long value(int i) {
        return values == null ? 0 : values[i];
    }

    @Override
    Object valueRef(int i) {
        return valueRefs == null ? null : valueRefs[i];
    }

    @Override
    void countDigits(ChampTrie trie, int lo, int hi, int shift, int[] count) {
        long[] ks = keys;
        for (int i = lo; i < hi; i++) {
            count[digit(trie, ks[i], shift)]++;
        }
    }

    @Override
    void scatter(ChampTrie trie, int lo, int hi, int shift, PutColumns target, int[] end) {
        HeapColumns to = (HeapColumns) target;
        // Locals, and null checks the JIT hoists: one tight loop per kind of map.
        long[] ks = keys;
        long[] kd = to.keys;
        Object[] rs = keyRefs;
        Object[] rd = to.keyRefs;
        long[] vs = values;
        long[] vd = to.values;
        Object[] os = valueRefs;
        Object[] od = to.valueRefs;
        for (int i = lo; i < hi; i++) {
            long kw = ks[i];
            int j = end[digit(trie, kw, shift)]++;
            kd[j] = kw;
            if (rs != null) {
                rd[j] = rs[i];
            }
            if (vs != null) {
                vd[j] = vs[i];
            }
            if (os != null) {
                od[j] = os[i];
            }
        }
    }

    @Override
    PutColumns scratch(int n) {
        return new HeapColumns(new long[n], keyRefs == null ? null : new Object[n],
                values == null ? null : new long[n], valueRefs == null ? null : new Object[n]);
    }

    @Override
    void release() {
    }
}
