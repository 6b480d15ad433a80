package io.cygnetci.pipeline.job.web;

import java.time.Duration;
import java.util.UUID;

import io.cygnetci.pipeline.execution.domain.ExecutionStatus;
import io.cygnetci.pipeline.execution.web.ExecutionResponse;
import io.cygnetci.pipeline.job.domain.JobAgent;
import io.cygnetci.pipeline.job.domain.JobService;
import io.cygnetci.pipeline.job.domain.JobState;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.security.Access;
import io.cygnetci.platform.security.CurrentCaller;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The job protocol runners speak, with their agent credential only (docs/api/pipeline-service.md). */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    record JobRequest(@Min(0) @Max(30) Integer waitSeconds) {
    }

    record StepResult(@NotNull @Schema(allowableValues = {"succeeded", "failed", "timed_out", "cancelled", "skipped"})
            String status, Integer exitCode) {
    }

    record Finish(@NotNull @Schema(allowableValues = {"succeeded", "failed", "cancelled", "timed_out"})
            String status) {
    }

    private final JobService jobs;
    private final long maxChunkBytes;

    JobController(JobService jobs, io.cygnetci.pipeline.config.PipelineProperties properties) {
        this.jobs = jobs;
        this.maxChunkBytes = properties.maxChunkSize().toBytes();
    }

    /** Long-polls for a job: 200 with it, or 204 when none came within {@code wait_seconds}. */
    @PostMapping("/request")
    Mono<ResponseEntity<JobResponses.JobPayload>> request(@Valid @RequestBody(required = false) JobRequest body) {
        int wait = body == null || body.waitSeconds() == null ? 30 : body.waitSeconds();
        return agent().flatMap(agent -> jobs.request(agent, Duration.ofSeconds(wait)))
                .map(job -> ResponseEntity.ok(JobResponses.of(job)))
                .defaultIfEmpty(ResponseEntity.noContent().build());
    }

    @GetMapping("/{jobId}")
    Mono<JobState> state(@PathVariable UUID jobId) {
        return agent().flatMap(agent -> jobs.state(agent, jobId));
    }

    @PostMapping("/{jobId}/steps/{index}/start")
    Mono<JobState> startStep(@PathVariable UUID jobId, @PathVariable int index) {
        return agent().flatMap(agent -> jobs.startStep(agent, jobId, index));
    }

    @PostMapping(path = "/{jobId}/steps/{index}/log", consumes = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<JobResponses.Logged>> log(@PathVariable UUID jobId, @PathVariable int index,
            @RequestParam long offset, @RequestBody(required = false) byte[] chunk) {
        byte[] bytes = chunk == null ? new byte[0] : chunk;
        if (offset < 0) {
            throw BadRequestException.field("offset", "must be 0 or more");
        }
        if (bytes.length > maxChunkBytes) {
            throw new ChunkTooLargeException(maxChunkBytes);
        }
        return agent().flatMap(agent -> jobs.appendLog(agent, jobId, index, offset, bytes))
                .map(logged -> ResponseEntity.accepted().body(new JobResponses.Logged(
                        logged.appended().nextOffset(), logged.appended().truncated(),
                        logged.state().cancelRequested())));
    }

    @PostMapping("/{jobId}/steps/{index}/result")
    Mono<JobState> stepResult(@PathVariable UUID jobId, @PathVariable int index,
            @Valid @RequestBody StepResult body) {
        if (!ExecutionStatus.STEP_RESULTS.contains(body.status())) {
            throw BadRequestException.field("status", "must be one of succeeded, failed, timed_out, cancelled, "
                    + "skipped");
        }
        return agent().flatMap(agent -> jobs.finishStep(agent, jobId, index, body.status(), body.exitCode()));
    }

    @PostMapping("/{jobId}/finish")
    Mono<ExecutionResponse> finish(@PathVariable UUID jobId, @Valid @RequestBody Finish body) {
        if (!ExecutionStatus.FINAL.contains(body.status())) {
            throw BadRequestException.field("status", "must be one of succeeded, failed, cancelled, timed_out");
        }
        return agent().flatMap(agent -> jobs.finish(agent, jobId, body.status()))
                .map(execution -> ExecutionResponse.of(execution, null));
    }

    private static Mono<JobAgent> agent() {
        return Access.agent().then(CurrentCaller.authentication()).map(auth -> new JobAgent(
                auth.getPrincipal().userId(), auth.getPrincipal().tenantId(), parse(auth.getToken().getId())));
    }

    private static UUID parse(String jti) {
        try {
            return jti == null ? null : UUID.fromString(jti);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
