package io.cygnetci.release.release.web;

import java.net.URI;
import java.util.UUID;

import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.release.release.domain.Release;
import io.cygnetci.release.release.domain.ReleaseService;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The releases of the caller's tenant: every member reads, members and admins create. There is no PUT, PATCH or
 * DELETE: a release is a snapshot, and those methods answer 405.
 */
@RestController
@RequestMapping("/api/v1/releases")
class ReleaseController {

    private final ReleaseService releases;

    ReleaseController(ReleaseService releases) {
        this.releases = releases;
    }

    @GetMapping
    Mono<Page<ReleaseResponse>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String status,
            @RequestParam(required = false) String q) {
        if (status != null && !Release.STATUSES.contains(status)) {
            throw BadRequestException.field("status", "must be one of " + String.join(", ", Release.STATUSES));
        }
        return releases.list(status, q == null || q.isBlank() ? null : q.trim(), PageRequest.of(limit, cursor))
                .map(page -> page.map(ReleaseResponse::of));
    }

    @PostMapping
    Mono<ResponseEntity<ReleaseResponse>> create(@Valid @RequestBody ReleaseRequest body) {
        return Mono.defer(() -> releases.create(body.toDefinition()))
                .map(r -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create("/api/v1/releases/" + r.release().id())).body(ReleaseResponse.of(r)));
    }

    @GetMapping("/{id}")
    Mono<ReleaseResponse> get(@PathVariable UUID id) {
        return releases.get(id).map(ReleaseResponse::of);
    }
}
