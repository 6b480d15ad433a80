package io.cygnetci.release.environment.web;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.release.environment.domain.EnvironmentService;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The environments of the caller's tenant, in promotion order: every member reads, tenant admins change. */
@RestController
@RequestMapping("/api/v1/environments")
class EnvironmentController {

    private final EnvironmentService environments;
    private final Clock clock;

    EnvironmentController(EnvironmentService environments, Clock clock) {
        this.environments = environments;
        this.clock = clock;
    }

    /** All of them (at most {@value EnvironmentService#MAX_ENVIRONMENTS}), so no cursor. */
    @GetMapping
    Mono<Map<String, List<EnvironmentResponse>>> list() {
        return environments.list().map(list -> Map.of("items",
                list.stream().map(e -> EnvironmentResponse.of(e, clock.instant())).toList()));
    }

    @PostMapping
    Mono<ResponseEntity<EnvironmentResponse>> create(@Valid @RequestBody EnvironmentRequest body) {
        return environments.create(body.toDefinition()).map(e -> ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/environments/" + e.id())).body(EnvironmentResponse.of(e, clock.instant())));
    }

    @GetMapping("/{id}")
    Mono<EnvironmentResponse> get(@PathVariable UUID id) {
        return environments.get(id).map(e -> EnvironmentResponse.of(e, clock.instant()));
    }

    @PutMapping("/{id}")
    Mono<EnvironmentResponse> update(@PathVariable UUID id, @Valid @RequestBody EnvironmentRequest body) {
        return environments.update(id, body.toDefinition()).map(e -> EnvironmentResponse.of(e, clock.instant()));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
        return environments.delete(id).thenReturn(ResponseEntity.noContent().build());
    }

    @PutMapping("/{id}/freeze")
    Mono<EnvironmentResponse> freeze(@PathVariable UUID id, @Valid @RequestBody FreezeRequest body) {
        return Mono.defer(() -> environments.freeze(id, body.from(), body.until(), body.reason().trim()))
                .map(e -> EnvironmentResponse.of(e, clock.instant()));
    }

    @DeleteMapping("/{id}/freeze")
    Mono<EnvironmentResponse> unfreeze(@PathVariable UUID id) {
        return environments.unfreeze(id).map(e -> EnvironmentResponse.of(e, clock.instant()));
    }
}
