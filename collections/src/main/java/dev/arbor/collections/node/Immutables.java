package dev.arbor.collections.node;

/** The exception every {@code java.util} mutator of a persistent collection throws. */
public final class Immutables {
    private Immutables() {
    }

    /** {@code type.method} refused, naming what to use instead. */
    public static UnsupportedOperationException refused(String type, String method, String instead) {
        return new UnsupportedOperationException(type + " is immutable: " + method + " is not supported; use "
                + instead + ", which return a new value");
    }
}
