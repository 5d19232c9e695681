package dev.arbor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link ArborExtension} for a new allocator as a test method's parameter (declared as
 * {@code Allocator} or the plugin's own type, e.g. {@code ArenaAllocator}): created by name with
 * {@code Allocators.create(value, config)} before the test and closed after it, also when the test
 * fails. With {@link #current()}, it is the thread's current allocator while the test method runs.
 *
 * <p>An allocator that tracks its blocks (the debug allocator) is created with
 * {@code failOnLeak=true} unless {@link LeakChecks} or {@link #config()} say otherwise: a test
 * that leaves blocks allocated fails, with each block's allocation site when recorded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface WithAllocator {
    /**
     * The plugin's name: {@code arena}, {@code debug}, {@code counting}, ...
     *
     * @return the name of the provider that creates the allocator
     */
    String value();

    /**
     * Settings as {@code key=value} strings, e.g. {@code "chunkSize=64k"}.
     *
     * @return the allocator's settings; none by default
     */
    String[] config() default {};

    /**
     * Whether the allocator is current while the test method runs.
     *
     * @return {@code true} to make the allocator current while the test method runs; {@code false} by default
     */
    boolean current() default false;
}
