package dev.arbor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails a test method whose body allocated more blocks or bytes than stated (see
 * {@link ArborExtension}): the body runs with a counter current on its thread, over the allocator
 * that was current (a {@link WithAllocator#current()} parameter's, else the default), and every
 * block the collections or the routing heap make there is counted. The failure message gives the
 * counts. A limit below zero is no limit.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllocationBudget {
    /** {@return the most blocks the test body may allocate; below zero, no limit} */
    long blocks() default -1;

    /** {@return the most bytes the test body may allocate; below zero, no limit} */
    long bytes() default -1;
}
