/**
 * Guice bindings for Arbor's allocators: install {@link dev.arbor.guice.ArborModule} to inject
 * the default {@link dev.arbor.api.Allocator}, every plugin's allocator by
 * {@code @Named("<provider name>")}, the catalog and the providers by name; close
 * {@link dev.arbor.guice.ManagedAllocators} when the application stops.
 */
package dev.arbor.guice;
