package dev.strangler.lab.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Picks which PostgreSQL server a {@code PostgresServer} test parameter gets; without it, the legacy one. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface LabDatabase {

    Server value();

    /** The lab's two servers. */
    enum Server { LEGACY, PAYMENTS }
}
