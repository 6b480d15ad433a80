package io.cygnetci.pipeline.execution.web;

import java.util.UUID;

import io.cygnetci.pipeline.execution.domain.ExecutionRepository;
import io.cygnetci.pipeline.execution.domain.StepLogs;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.Access;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A step's log as text, a range at a time: {@code ?offset=&limit=}. Headers tell where the next read starts
 * ({@code X-Log-Next-Offset}), how much there is so far ({@code X-Log-Size}), and whether the log is complete.
 */
@RestController
class StepLogController {

    static final int DEFAULT_LIMIT = 64 * 1024;
    static final int MAX_LIMIT = 1024 * 1024;

    private final TenantDatabase database;
    private final ExecutionRepository executions;
    private final StepLogs logs;

    StepLogController(TenantDatabase database, ExecutionRepository executions, StepLogs logs) {
        this.database = database;
        this.executions = executions;
        this.logs = logs;
    }

    @GetMapping(path = "/api/v1/executions/{id}/steps/{index}/log", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<byte[]>> read(@PathVariable UUID id, @PathVariable int index,
            @RequestParam(defaultValue = "0") long offset, @RequestParam(required = false) Integer limit) {
        if (offset < 0) {
            throw BadRequestException.field("offset", "must be 0 or more");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw BadRequestException.field("limit", "must be between 1 and " + MAX_LIMIT);
        }
        int max = limit == null ? DEFAULT_LIMIT : limit;
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                executions.findById(id).switchIfEmpty(Mono.error(() -> new NotFoundException("execution")))
                        .then(executions.findStep(id, index))
                        .switchIfEmpty(Mono.error(() -> new NotFoundException("step")))
                        .flatMap(step -> logs.read(step, offset, max))))
                .map(range -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN,
                                java.nio.charset.StandardCharsets.UTF_8))
                        .header("X-Log-Offset", String.valueOf(range.offset()))
                        .header("X-Log-Next-Offset", String.valueOf(range.nextOffset()))
                        .header("X-Log-Size", String.valueOf(range.size()))
                        .header("X-Log-Truncated", String.valueOf(range.truncated()))
                        .header("X-Log-Complete", String.valueOf(range.complete()))
                        .body(range.content()));
    }
}
