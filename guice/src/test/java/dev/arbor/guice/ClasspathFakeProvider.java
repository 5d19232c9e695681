package dev.arbor.guice;

/**
 * The one provider the guice module's tests register with ServiceLoader (test resources), so
 * {@code Allocators.catalog()} has a default in this module's tests.
 */
public final class ClasspathFakeProvider extends FakeProvider {
    public ClasspathFakeProvider() {
        super("fake-classpath", true);
    }
}
