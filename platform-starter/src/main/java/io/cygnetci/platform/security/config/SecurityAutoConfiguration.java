package io.cygnetci.platform.security.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cygnetci.platform.problem.web.ProblemResponseWriter;
import io.cygnetci.platform.security.BearerTokenConverter;
import io.cygnetci.platform.security.CygnetJwtAuthenticationConverter;
import io.cygnetci.platform.security.IssuerRoutingReactiveJwtDecoder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Every service is an OAuth2 resource server: all paths need a valid JWT except the configured public ones and
 * the actuator's health, info and prometheus endpoints. Authentication and authorization failures answer
 * problem+json.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@AutoConfiguration(after = io.cygnetci.platform.problem.config.ProblemAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@EnableWebFluxSecurity
@EnableConfigurationProperties(CygnetSecurityProperties.class)
public class SecurityAutoConfiguration {

    static final long DEFAULT_TOKEN_CACHE_SIZE = 10_000;

    private static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**",
            "/actuator/info", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**");

    @Bean
    static JwtDecoderCachingPostProcessor cygnetJwtDecoderCachingPostProcessor(
            org.springframework.core.env.Environment environment) {
        long size = org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind("cygnetci.security.token-cache-size", Long.class).orElse(DEFAULT_TOKEN_CACHE_SIZE);
        return new JwtDecoderCachingPostProcessor(size);
    }

    /**
     * With {@code cygnetci.security.trusted-issuers}, tokens of those issuers are accepted as well as those of the
     * issuer in {@code spring.security.oauth2.resourceserver.jwt} (each checked against its own JWKS and issuer).
     */
    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    @ConditionalOnProperty(name = "cygnetci.security.trusted-issuers[0].issuer")
    ReactiveJwtDecoder cygnetIssuerRoutingJwtDecoder(CygnetSecurityProperties properties, Environment environment) {
        Map<String, ReactiveJwtDecoder> decoders = new LinkedHashMap<>();
        String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
        String jwkSetUri = environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        if (issuer != null && jwkSetUri != null) {
            decoders.put(issuer, jwksDecoder(issuer, jwkSetUri));
        }
        for (TrustedIssuer trusted : properties.trustedIssuers()) {
            decoders.put(trusted.issuer(), jwksDecoder(trusted.issuer(), trusted.jwkSetUri()));
        }
        return new IssuerRoutingReactiveJwtDecoder(decoders);
    }

    /** Verifies RS256 tokens of one issuer against its JWKS (fetched once, refreshed on an unknown key id). */
    public static ReactiveJwtDecoder jwksDecoder(String issuer, String jwkSetUri) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    /** Spring Security's strict firewall, with header checks that skip the regular expression for plain ASCII. */
    @Bean
    @ConditionalOnMissingBean(ServerWebExchangeFirewall.class)
    StrictServerWebExchangeFirewall cygnetServerWebExchangeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(new FastHeaderPredicate(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES));
        firewall.setAllowedHeaderValues(new FastHeaderPredicate(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES));
        return firewall;
    }

    @Bean
    @ConditionalOnMissingBean
    CygnetJwtAuthenticationConverter cygnetJwtAuthenticationConverter(CygnetSecurityProperties properties) {
        return new CygnetJwtAuthenticationConverter(properties.claims());
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain cygnetSecurityWebFilterChain(ServerHttpSecurity http, CygnetSecurityProperties properties,
            CygnetJwtAuthenticationConverter converter, ProblemResponseWriter problems,
            org.springframework.beans.factory.ObjectProvider<org.springframework.web.cors.reactive.CorsConfigurationSource> cors) {
        List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
        open.addAll(properties.publicPaths());
        // CORS (where an application defines it, e.g. the gateway for the web console) runs before authentication,
        // so preflight requests are answered without a token
        cors.ifAvailable(source -> http.cors(spec -> spec.configurationSource(source)));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(open.toArray(String[]::new)).permitAll()
                        .pathMatchers("/actuator/**").denyAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenConverter(new BearerTokenConverter())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, problems))
                        .accessDeniedHandler((exchange, ex) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                                "forbidden", "You may not do this.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, problems))
                        .accessDeniedHandler((exchange, ex) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                                "forbidden", "You may not do this.")))
                .build();
    }

    private static reactor.core.publisher.Mono<Void> unauthorized(
            org.springframework.web.server.ServerWebExchange exchange, ProblemResponseWriter problems) {
        exchange.getResponse().getHeaders().set(org.springframework.http.HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required.");
    }
}
