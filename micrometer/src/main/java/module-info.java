/** A Micrometer {@code MeterBinder} for the statistics of Arbor's allocators. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // micrometer-core has a module name, no descriptor
module dev.arbor.micrometer {
    requires transitive dev.arbor.api;
    requires transitive micrometer.core;

    exports dev.arbor.micrometer;
}
