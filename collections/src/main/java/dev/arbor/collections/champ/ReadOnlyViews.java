package dev.arbor.collections.champ;

import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.function.Predicate;

/**
 * Bases for the read-only views of persistent maps: every {@code java.util} mutator throws
 * {@link UnsupportedOperationException} whether or not the call would change anything, as
 * {@code Set.of} and {@code Map.of} do ({@code AbstractCollection}'s own mutators throw only when
 * they would change something, after a scan).
 */
final class ReadOnlyViews {
    private ReadOnlyViews() {
    }

    static UnsupportedOperationException refused(String view, String method) {
        return new UnsupportedOperationException(view + " is a read-only view of a persistent map: " + method
                + " is not supported; derive a new map with plus, minus, minusAll or intersectKeys");
    }

    /** A read-only set view. */
    abstract static class SetView<E> extends AbstractSet<E> {
        private final String name;

        SetView(String name) {
            this.name = name;
        }

        @Override
        public final boolean add(E e) {
            throw refused(name, "add");
        }

        @Override
        public final boolean remove(Object o) {
            throw refused(name, "remove");
        }

        @Override
        public final boolean addAll(Collection<? extends E> c) {
            throw refused(name, "addAll");
        }

        @Override
        public final boolean removeAll(Collection<?> c) {
            throw refused(name, "removeAll");
        }

        @Override
        public final boolean retainAll(Collection<?> c) {
            throw refused(name, "retainAll");
        }

        @Override
        public final boolean removeIf(Predicate<? super E> filter) {
            throw refused(name, "removeIf");
        }

        @Override
        public final void clear() {
            throw refused(name, "clear");
        }
    }

    /** A read-only collection view. */
    abstract static class CollectionView<E> extends AbstractCollection<E> {
        private final String name;

        CollectionView(String name) {
            this.name = name;
        }

        @Override
        public final boolean add(E e) {
            throw refused(name, "add");
        }

        @Override
        public final boolean remove(Object o) {
            throw refused(name, "remove");
        }

        @Override
        public final boolean addAll(Collection<? extends E> c) {
            throw refused(name, "addAll");
        }

        @Override
        public final boolean removeAll(Collection<?> c) {
            throw refused(name, "removeAll");
        }

        @Override
        public final boolean retainAll(Collection<?> c) {
            throw refused(name, "retainAll");
        }

        @Override
        public final boolean removeIf(Predicate<? super E> filter) {
            throw refused(name, "removeIf");
        }

        @Override
        public final void clear() {
            throw refused(name, "clear");
        }
    }
}
