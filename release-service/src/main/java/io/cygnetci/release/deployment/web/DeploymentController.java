package io.cygnetci.release.deployment.web;

import java.net.URI;
import java.util.UUID;

import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.release.deployment.domain.Deployment;
import io.cygnetci.release.deployment.domain.DeploymentQuery;
import io.cygnetci.release.deployment.domain.DeploymentService;
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

/** Deploying releases: request, approve or reject, cancel, read. Viewers read only. */
@RestController
@RequestMapping("/api/v1")
class DeploymentController {

    private final DeploymentService deployments;

    DeploymentController(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @PostMapping("/releases/{id}/deployments")
    Mono<ResponseEntity<DeploymentResponse>> request(@PathVariable UUID id,
            @Valid @RequestBody DeploymentRequest body) {
        return deployments.request(id, body.environmentId())
                .map(d -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create("/api/v1/deployments/" + d.deployment().id()))
                        .body(DeploymentResponse.of(d)));
    }

    @GetMapping("/releases/{id}/deployments")
    Mono<Page<DeploymentResponse>> ofRelease(@PathVariable UUID id, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String status) {
        return list(new DeploymentQuery(id, null, status(status)), limit, cursor);
    }

    @GetMapping("/deployments")
    Mono<Page<DeploymentResponse>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String status,
            @RequestParam(name = "release_id", required = false) UUID releaseId,
            @RequestParam(name = "environment_id", required = false) UUID environmentId) {
        return list(new DeploymentQuery(releaseId, environmentId, status(status)), limit, cursor);
    }

    @GetMapping("/deployments/{id}")
    Mono<DeploymentResponse> get(@PathVariable UUID id) {
        return deployments.get(id).map(DeploymentResponse::of);
    }

    @PostMapping("/deployments/{id}/approve")
    Mono<DeploymentResponse> approve(@PathVariable UUID id, @Valid @RequestBody(required = false) DecisionRequest body) {
        return deployments.approve(id, body == null ? null : body.trimmed()).map(DeploymentResponse::of);
    }

    @PostMapping("/deployments/{id}/reject")
    Mono<DeploymentResponse> reject(@PathVariable UUID id, @Valid @RequestBody(required = false) DecisionRequest body) {
        String comment = body == null ? null : body.trimmed();
        if (comment == null) {
            throw BadRequestException.field("comment", "is required to reject: say why");
        }
        return deployments.reject(id, comment).map(DeploymentResponse::of);
    }

    @PostMapping("/deployments/{id}/cancel")
    Mono<DeploymentResponse> cancel(@PathVariable UUID id) {
        return deployments.cancel(id).map(DeploymentResponse::of);
    }

    private Mono<Page<DeploymentResponse>> list(DeploymentQuery query, Integer limit, String cursor) {
        return deployments.list(query, PageRequest.of(limit, cursor)).map(page -> page.map(DeploymentResponse::of));
    }

    private static String status(String status) {
        if (status != null && !Deployment.STATUSES.contains(status)) {
            throw BadRequestException.field("status", "must be one of " + String.join(", ", Deployment.STATUSES));
        }
        return status;
    }
}
