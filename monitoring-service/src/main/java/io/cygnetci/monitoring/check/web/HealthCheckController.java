package io.cygnetci.monitoring.check.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.monitoring.check.domain.CheckResult;
import io.cygnetci.monitoring.check.domain.HealthCheck;
import io.cygnetci.monitoring.check.domain.HealthCheckService;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.BadRequestException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's tenant's monitored services (health checks) and their result history. */
@RestController
@RequestMapping("/api/v1/services")
class HealthCheckController {

    private static final int MAX_RESULTS = 500;

    private final HealthCheckService checks;

    HealthCheckController(HealthCheckService checks) {
        this.checks = checks;
    }

    @GetMapping
    Mono<Page<HealthCheckResponse>> list(@RequestParam(required = false) String status,
            @RequestParam(required = false) String q, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        if (status != null && !List.of(HealthCheck.UNKNOWN, HealthCheck.HEALTHY, HealthCheck.WARNING, HealthCheck.DOWN)
                .contains(status)) {
            return Mono.error(BadRequestException.field("status", "must be unknown, healthy, warning or down"));
        }
        return Mono.defer(() -> checks.list(status, q == null || q.isBlank() ? null : q.trim(),
                PageRequest.of(limit, cursor))).map(page -> page.map(HealthCheckResponse::of));
    }

    @PostMapping
    Mono<ResponseEntity<HealthCheckResponse>> create(@Valid @RequestBody HealthCheckRequest body) {
        return Mono.fromCallable(body::toDefinition).flatMap(checks::create).map(c -> ResponseEntity
                .status(HttpStatus.CREATED).location(URI.create("/api/v1/services/" + c.id()))
                .body(HealthCheckResponse.of(c)));
    }

    @GetMapping("/{id}")
    Mono<HealthCheckResponse> get(@PathVariable UUID id) {
        return checks.get(id).map(HealthCheckResponse::of);
    }

    @PutMapping("/{id}")
    Mono<HealthCheckResponse> update(@PathVariable UUID id, @Valid @RequestBody HealthCheckRequest body) {
        return Mono.fromCallable(body::toDefinition).flatMap(d -> checks.update(id, d)).map(HealthCheckResponse::of);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
        return checks.delete(id).thenReturn(ResponseEntity.noContent().build());
    }

    /** The newest results first: {@code since} (ISO instant) and {@code limit} (at most 500, default 100). */
    @GetMapping("/{id}/results")
    Mono<Map<String, List<CheckResultResponse>>> results(@PathVariable UUID id,
            @RequestParam(required = false) Instant since, @RequestParam(required = false) Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1) {
            return Mono.error(BadRequestException.field("limit", "must be at least 1"));
        }
        return checks.history(id, since, Math.min(size, MAX_RESULTS)).map(list -> Map.of("items",
                list.stream().map(CheckResultResponse::of).toList()));
    }

    record CheckResultResponse(UUID id, String status, Integer responseMs, String error, Instant checkedAt) {

        static CheckResultResponse of(CheckResult r) {
            return new CheckResultResponse(r.id(), r.status(), r.responseMs(), r.error(), r.checkedAt());
        }
    }
}
