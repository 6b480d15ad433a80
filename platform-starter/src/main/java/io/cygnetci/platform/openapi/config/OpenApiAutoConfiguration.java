package io.cygnetci.platform.openapi.config;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service's OpenAPI document names the service, declares the bearer-token scheme, and gives its server as
 * {@code /}: a relative URL, so the gateway's aggregated UI sends "try it out" requests through the gateway (its
 * own origin), not to the service's internal address. Its schemas name properties as the wire does (snake_case).
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    static final String BEARER = "bearer";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI cygnetOpenApi(Environment environment) {
        String service = environment.getProperty("spring.application.name", "service");
        return new OpenAPI()
                .info(new Info().title("CygnetCI " + service).version("v1")
                        .description("Tenant-scoped API of " + service + ". Errors are RFC 9457 problem+json."))
                .servers(List.of(new Server().url("/").description("the gateway (or this service, called directly)")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from POST /api/v1/auth/token")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * swagger-core reads the DTOs with a Jackson 2 mapper of its own, blind to {@code spring.jackson.*}: without
     * this, the schemas would name {@code pipeline_ids} as {@code pipelineIds}, a field the services refuse.
     */
    @Bean
    @ConditionalOnMissingBean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
