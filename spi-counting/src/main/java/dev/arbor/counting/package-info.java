/**
 * The counting allocator: a decorator over any allocator that counts blocks and bytes per
 * {@link dev.arbor.api.BlockKind}, so a test can say exactly what an operation allocated
 * ({@link dev.arbor.counting.CountingAllocator#measure}), and that can enforce an allocation
 * budget.
 */
package dev.arbor.counting;
