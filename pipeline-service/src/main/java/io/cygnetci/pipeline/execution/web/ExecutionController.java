package io.cygnetci.pipeline.execution.web;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.cygnetci.pipeline.execution.domain.ExecutionQuery;
import io.cygnetci.pipeline.execution.domain.ExecutionService;
import io.cygnetci.pipeline.execution.domain.ExecutionStatus;
import io.cygnetci.pipeline.execution.domain.PipelineStats;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.BadRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Executions of the caller's tenant: members trigger, retry and cancel; every member reads. */
@RestController
class ExecutionController {

    record Trigger(@Size(max = 50) Map<String, String> parameters) {
    }

    private final ExecutionService executions;

    ExecutionController(ExecutionService executions) {
        this.executions = executions;
    }

    @PostMapping("/api/v1/pipelines/{pipelineId}/executions")
    Mono<ResponseEntity<ExecutionResponse>> trigger(@PathVariable UUID pipelineId,
            @Valid @RequestBody(required = false) Trigger body) {
        return executions.trigger(pipelineId, body == null ? null : body.parameters())
                .map(ExecutionController::created);
    }

    @GetMapping("/api/v1/pipelines/{pipelineId}/executions")
    Mono<Page<ExecutionResponse>> listOfPipeline(@PathVariable UUID pipelineId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ExecutionQuery query = query(status, pipelineId, from, to);
        return executions.listOfPipeline(pipelineId, query, PageRequest.of(limit, cursor))
                .map(page -> page.map(e -> ExecutionResponse.of(e, null)));
    }

    @GetMapping("/api/v1/pipelines/{pipelineId}/stats")
    Mono<PipelineStats> stats(@PathVariable UUID pipelineId) {
        return executions.stats(pipelineId);
    }

    @GetMapping("/api/v1/executions")
    Mono<Page<ExecutionResponse>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String status,
            @RequestParam(name = "pipeline_id", required = false) UUID pipelineId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return executions.list(query(status, pipelineId, from, to), PageRequest.of(limit, cursor))
                .map(page -> page.map(e -> ExecutionResponse.of(e, null)));
    }

    private static ExecutionQuery query(String status, UUID pipelineId, String from, String to) {
        if (status != null && !ExecutionStatus.ALL.contains(status)) {
            throw BadRequestException.field("status", "must be one of "
                    + String.join(", ", new TreeSet<>(ExecutionStatus.ALL)));
        }
        return new ExecutionQuery(status, pipelineId, instant("from", from), instant("to", to));
    }

    @GetMapping("/api/v1/executions/{id}")
    Mono<ExecutionResponse> get(@PathVariable UUID id) {
        return executions.get(id).map(d -> ExecutionResponse.of(d.execution(), d.steps()));
    }

    /** A queued execution is cancelled at once (200); a running one is being stopped by its runner (202). */
    @PostMapping("/api/v1/executions/{id}/cancel")
    Mono<ResponseEntity<ExecutionResponse>> cancel(@PathVariable UUID id) {
        return executions.cancel(id).map(e -> ResponseEntity.status(e.finished() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(ExecutionResponse.of(e, null)));
    }

    @PostMapping("/api/v1/executions/{id}/retry")
    Mono<ResponseEntity<ExecutionResponse>> retry(@PathVariable UUID id) {
        return executions.retry(id).map(ExecutionController::created);
    }

    private static ResponseEntity<ExecutionResponse> created(ExecutionService.Detailed d) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/executions/" + d.execution().id()))
                .body(ExecutionResponse.of(d.execution(), d.steps()));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        }
        catch (DateTimeParseException ex) {
            throw BadRequestException.field(field, "must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
        }
    }
}
