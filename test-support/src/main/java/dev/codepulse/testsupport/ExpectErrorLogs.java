package dev.codepulse.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allows ERROR log events from codepulse loggers in the annotated test or class, where the test
 * provokes them on purpose. Without it, {@link ErrorLogGuard} fails the test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ExpectErrorLogs {
    /** Substrings of the allowed messages; empty allows every ERROR event. */
    String[] value() default {};
}
