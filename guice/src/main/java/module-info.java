/** A Guice module that injects the allocators found on the class path or module path. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Guice 7 has no module descriptor, only a module name
module dev.arbor.guice {
    requires transitive dev.arbor.api;
    requires transitive com.google.guice;

    exports dev.arbor.guice;
}
