package dev.arbor.counting;

/** The one readable rendering of counts, shared by snapshots, deltas and the allocator. */
final class Format {
    private Format() {
    }

    /** E.g. {@code 3 blocks, 96 bytes (REFS 2 blocks/64 bytes, NOREFS 1/32); 1 free, 16 bytes}. */
    static String counts(long refsBlocks, long refsBytes, long norefsBlocks, long norefsBytes, long frees, long freedBytes) {
        return (refsBlocks + norefsBlocks) + " blocks, " + (refsBytes + norefsBytes) + " bytes (REFS " + refsBlocks
                + " blocks/" + refsBytes + " bytes, NOREFS " + norefsBlocks + "/" + norefsBytes + "); "
                + frees + (frees == 1 ? " free, " : " frees, ") + freedBytes + " bytes freed";
    }
}
