package io.cygnetci.tenant.auth.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.tenant.auth.domain.IssuedToken;
import io.cygnetci.tenant.auth.domain.LoginService;
import io.cygnetci.tenant.auth.domain.TokenIssuer;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** The built-in token issuer: login, tenant switch, JWKS. */
@RestController
class AuthController {

    record TokenRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password,
            @Size(max = 63) String tenant) {
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, Instant expiresAt, UUID tenantId,
            String tenantSlug, List<String> roles) {

        static TokenResponse of(IssuedToken token) {
            return new TokenResponse(token.accessToken(), "Bearer",
                    Math.max(0, Duration.between(Instant.now(), token.expiresAt()).toSeconds()), token.expiresAt(),
                    token.tenantId(), token.tenantSlug(), token.roles());
        }
    }

    private final LoginService logins;
    private final TokenIssuer issuer;

    AuthController(LoginService logins, TokenIssuer issuer) {
        this.logins = logins;
        this.issuer = issuer;
    }

    @SecurityRequirements // public: this is where the bearer token comes from
    @PostMapping("/api/v1/auth/token")
    Mono<ResponseEntity<TokenResponse>> token(@Valid @RequestBody TokenRequest body, ServerWebExchange exchange) {
        String client = exchange.getRequest().getRemoteAddress() == null ? null
                : exchange.getRequest().getRemoteAddress().getAddress().getHostAddress();
        return logins.login(body.email(), body.password(), body.tenant(), client)
                .map(token -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(TokenResponse.of(token)));
    }

    @PostMapping("/api/v1/tenants/{id}/switch")
    Mono<ResponseEntity<TokenResponse>> switchTenant(@PathVariable UUID id) {
        return logins.switchTo(id)
                .map(token -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(TokenResponse.of(token)));
    }

    @SecurityRequirements
    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(issuer.jwks());
    }

}
