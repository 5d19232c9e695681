/**
 * The default allocator: blocks are JVM heap memory that the JVM's garbage collector reclaims
 * ({@link dev.arbor.gc.GcAllocator}), the root registry that accounts for the JVM objects native
 * allocators keep reachable ({@link dev.arbor.gc.GcRootRegistry}), and JVM GC statistics.
 * Nothing in this package touches native memory, so the default path cannot crash the JVM.
 */
package dev.arbor.gc;
