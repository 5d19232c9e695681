package dev.arbor.collections.testing;

/**
 * Seeds for randomized tests: {@code -Darbor.test.seed=<n>} replays one run; otherwise each run
 * takes a fresh seed, which every failure message prints.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The seed to use: the system property if set, else a fresh one. */
    public static long seed() {
        String s = System.getProperty("arbor.test.seed");
        return s != null && !s.isBlank() ? Long.parseLong(s.trim()) : System.nanoTime() ^ Thread.currentThread().threadId();
    }

    /** A message prefix naming the seed and how to replay it. */
    public static String replay(long seed) {
        return "[seed " + seed + ", replay with -Darbor.test.seed=" + seed + "] ";
    }
}
