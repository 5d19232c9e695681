package dev.arbor.collections.champ;

/**
 * Thrown by a {@link NodeVisitor} to end a {@link ChampTrie#walk} early, once it has its answer
 * (a search that found its element). The walk has no exit of its own because every other walk
 * reads to the end, and a test on each visit would cost them all. One shared instance, without
 * a stack trace, so stopping allocates nothing.
 */
final class WalkStop extends RuntimeException {
    static final WalkStop INSTANCE = new WalkStop();

    private WalkStop() {
        super("a walk stopped early (never escapes the search that threw it)", null, false, false);
    }
}
