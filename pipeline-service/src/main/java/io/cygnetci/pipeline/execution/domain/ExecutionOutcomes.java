package io.cygnetci.pipeline.execution.domain;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.pipeline.execution.event.ExecutionEvents;
import io.cygnetci.platform.events.outbox.Outbox;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Ends an execution, whoever decides it (the runner, a user's cancel, a lost agent, a deactivated tenant): the
 * execution and its open steps are closed and {@code finished} is written to the outbox, in the caller's
 * transaction. An execution that had already ended is left alone (empty).
 */
@Component
public class ExecutionOutcomes {

    private final ExecutionRepository executions;
    private final Outbox outbox;
    private final ExecutionMetrics metrics;

    public ExecutionOutcomes(ExecutionRepository executions, Outbox outbox, ExecutionMetrics metrics) {
        this.executions = executions;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    public Mono<Execution> end(UUID id, String status, String reason, Instant now) {
        return executions.finish(id, status, reason, now)
                .flatMap(ended -> executions.closeOpenSteps(id, openStepStatus(status), now)
                        .then(outbox.enqueue(ExecutionEvents.snapshot(ExecutionEvents.FINISHED, ended, now)))
                        .thenReturn(ended))
                .doOnNext(metrics::finished);
    }

    /** What a step still running becomes when its execution ends with {@code status}. */
    private static String openStepStatus(String status) {
        return status.equals(ExecutionStatus.SUCCEEDED) ? ExecutionStatus.SKIPPED : status;
    }
}
