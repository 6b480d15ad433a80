package io.cygnetci.agent.registration;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.cygnetci.agent.agent.domain.AgentService;
import io.cygnetci.agent.agent.domain.Registration;
import io.cygnetci.platform.problem.UnauthorizedException;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents register with a registration token, presented as {@code Authorization: Token <secret>}: 201 with a new
 * agent, 200 when the same {@code uuid} registers again (the agent keeps its id, the old credential stops working).
 */
@RestController
class RegistrationController {

    record RegisterRequest(@NotNull UUID uuid, @NotBlank @Size(max = 100) String name,
            @Size(max = 255) String hostname, @Size(max = 50) String os, @Size(max = 50) String arch,
            @Size(max = 100) String location,
            @Size(max = 50) List<@NotNull @Pattern(regexp = Registration.LABEL_PATTERN) String> labels,
            @Size(max = 100) String version) {
    }

    record RegisterResponse(UUID agentId, String name, String credential, Instant credentialExpiresAt,
            int heartbeatIntervalSeconds, boolean reregistered) {
    }

    private final AgentService agents;

    RegistrationController(AgentService agents) {
        this.agents = agents;
    }

    @PostMapping("/api/v1/agents/register")
    @SecurityRequirements // a registration token, not a bearer token
    Mono<ResponseEntity<RegisterResponse>> register(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @Valid @RequestBody RegisterRequest body) {
        String secret = registrationToken(authorization);
        Registration registration = new Registration(body.uuid(), body.name().trim(), body.hostname(), body.os(),
                body.arch(), body.location(), body.labels() == null ? List.of() : List.copyOf(body.labels()),
                body.version());
        return agents.register(secret, registration).map(r -> ResponseEntity
                .status(r.reregistered() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new RegisterResponse(r.agent().id(), r.agent().name(), r.credential().token(),
                        r.credential().expiresAt(), r.heartbeatIntervalSeconds(), r.reregistered())));
    }

    private static String registrationToken(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("token ")
                || authorization.substring(6).isBlank()) {
            throw new UnauthorizedException("Token", "Register with \"Authorization: Token <registration token>\".");
        }
        return authorization.substring(6).trim();
    }
}
