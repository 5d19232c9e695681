package dev.arbor.collections.champ;

/**
 * A key whose hash code the test chooses (Capsule's {@code CollidableInteger}): equal ids are
 * equal keys; distinct ids may share all or part of their hash.
 */
record Key(long id, int hash) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.id == id;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Key(" + id + ", #" + Integer.toHexString(hash) + ")";
    }
}
