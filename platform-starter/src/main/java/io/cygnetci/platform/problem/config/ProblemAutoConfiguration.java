package io.cygnetci.platform.problem.config;

import io.cygnetci.platform.problem.web.ProblemExceptionMapper;
import io.cygnetci.platform.problem.web.ProblemResponseWriter;
import io.cygnetci.platform.problem.web.ProblemWebExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** RFC 9457 problem+json for every error a service answers. */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class ProblemAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemExceptionMapper problemExceptionMapper() {
        return new ProblemExceptionMapper();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemResponseWriter problemResponseWriter(JsonMapper jsonMapper) {
        return new ProblemResponseWriter(jsonMapper);
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(ProblemExceptionMapper mapper, ProblemResponseWriter writer) {
        return new ProblemWebExceptionHandler(mapper, writer);
    }
}
