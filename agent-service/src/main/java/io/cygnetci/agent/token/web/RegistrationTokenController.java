package io.cygnetci.agent.token.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.cygnetci.agent.token.domain.RegistrationToken;
import io.cygnetci.agent.token.domain.RegistrationTokens;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.BadRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Agent registration tokens of the caller's tenant (tenant admins). The secret is shown once, on creation. */
@RestController
@RequestMapping("/api/v1/agent-tokens")
class RegistrationTokenController {

    record CreateToken(@NotBlank @Size(max = 200) String description, Instant expiresAt) {
    }

    record TokenResponse(UUID id, String description, String tokenPrefix, String status, Instant createdAt,
            UUID createdBy, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, int registrations,
            String token) {

        static TokenResponse of(RegistrationToken t, Instant now, String secret) {
            return new TokenResponse(t.id(), t.description(), t.tokenPrefix(), t.status(now), t.createdAt(),
                    t.createdBy(), t.expiresAt(), t.revokedAt(), t.lastUsedAt(), t.registrations(), secret);
        }
    }

    private final RegistrationTokens tokens;
    private final Clock clock;

    RegistrationTokenController(RegistrationTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<TokenResponse>> create(@Valid @RequestBody CreateToken body) {
        if (body.expiresAt() != null && !body.expiresAt().isAfter(clock.instant())) {
            throw BadRequestException.field("expires_at", "must be in the future");
        }
        return tokens.create(body.description().trim(), body.expiresAt())
                .map(created -> ResponseEntity.created(URI.create("/api/v1/agent-tokens/" + created.token().id()))
                        .body(TokenResponse.of(created.token(), clock.instant(), created.secret())));
    }

    @GetMapping
    Mono<Page<TokenResponse>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return tokens.list(PageRequest.of(limit, cursor))
                .map(page -> page.map(t -> TokenResponse.of(t, clock.instant(), null)));
    }

    @GetMapping("/{id}")
    Mono<TokenResponse> get(@PathVariable UUID id) {
        return tokens.get(id).map(t -> TokenResponse.of(t, clock.instant(), null));
    }

    /** Revokes the token: agents registered with it keep working, no new agent can register with it. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> revoke(@PathVariable UUID id) {
        return tokens.revoke(id).thenReturn(ResponseEntity.noContent().build());
    }
}
