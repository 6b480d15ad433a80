package io.cygnetci.platform.test.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the annotated test class's Spring context a fresh PostgreSQL database (see {@link PostgresServer}); the
 * {@link TestDatabase} is a bean of that context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithPostgres {

    /** The service whose roles are used: {@code <service>_owner} and {@code <service>_app}. */
    String service();
}
