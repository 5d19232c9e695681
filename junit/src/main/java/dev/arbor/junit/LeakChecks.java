package dev.arbor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns the leak check of {@link WithAllocator} debug allocators on or off for a test class (its
 * {@code @Nested} classes included) or one test method; the nearest annotation wins, and a
 * {@code failOnLeak} setting in {@link WithAllocator#config()} wins over both. Leak checks are on
 * without it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LeakChecks {
    /** {@return whether a debug allocator's leaked blocks fail the test} */
    boolean value();
}
