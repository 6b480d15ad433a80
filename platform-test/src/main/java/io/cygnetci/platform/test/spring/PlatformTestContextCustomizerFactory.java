package io.cygnetci.platform.test.spring;

import java.util.List;

import io.cygnetci.platform.test.kafka.WithKafka;
import io.cygnetci.platform.test.postgres.WithPostgres;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Activates {@link WithPostgres} and {@link WithKafka} on Spring tests. */
public class PlatformTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        WithPostgres postgres = AnnotatedElementUtils.findMergedAnnotation(testClass, WithPostgres.class);
        boolean kafka = AnnotatedElementUtils.hasAnnotation(testClass, WithKafka.class);
        if (postgres == null && !kafka) {
            return null;
        }
        return new PlatformTestContextCustomizer(testClass, postgres == null ? null : postgres.service(), kafka);
    }
}
