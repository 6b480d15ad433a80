package io.cygnetci.pipeline.execution.domain;

import java.time.Clock;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** The running jobs of an agent that went offline or was deleted fail with reason {@code agent_lost}. */
@Component
public class LostAgents {

    public static final String REASON = "agent_lost";

    private final ExecutionRepository executions;
    private final ExecutionOutcomes outcomes;
    private final Clock clock;

    public LostAgents(ExecutionRepository executions, ExecutionOutcomes outcomes, Clock clock) {
        this.executions = executions;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** Runs in the caller's transaction, in the agent's tenant. */
    public Mono<Void> failRunningJobs(UUID tenantId, UUID agentId) {
        return executions.runningOn(agentId)
                .concatMap(id -> outcomes.end(id, ExecutionStatus.FAILED, REASON, clock.instant()))
                .then();
    }
}
