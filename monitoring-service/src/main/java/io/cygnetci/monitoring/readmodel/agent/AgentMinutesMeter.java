package io.cygnetci.monitoring.readmodel.agent;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.monitoring.usage.domain.Meter;
import io.cygnetci.monitoring.usage.domain.UsageMetrics;
import io.cygnetci.monitoring.usage.domain.UsageWindows;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Meters the minutes of agents that stay online, up to now, so an agent online for days fills each usage window it
 * spans before that window is published (the interval is shorter than the windows' grace).
 */
@Component
public class AgentMinutesMeter {

    private static final int BATCH = 500;

    private final TenantDatabase database;
    private final AgentViews agents;
    private final UsageWindows usage;
    private final UsageMetrics metrics;
    private final Clock clock;

    public AgentMinutesMeter(TenantDatabase database, AgentViews agents, UsageWindows usage, UsageMetrics metrics,
            Clock clock) {
        this.database = database;
        this.agents = agents;
        this.usage = usage;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Meters one batch of online agents up to now; answers how many. */
    public Mono<Integer> meterOnlineAgents() {
        Instant now = clock.instant();
        return database.in(DbScope.platformWide(), agents.lockOnlineUnmetered(now, BATCH)
                .concatMap(agent -> usage.addSpan(agent.tenantId(), Meter.AGENT_MINUTES, agent.meteredUntil(), now, now)
                        .then(agents.meteredUntil(agent.agentId(), now))
                        .thenReturn(new Metered(agent.tenantId(),
                                UsageWindows.minutes(Duration.between(agent.meteredUntil(), now)))))
                .collectList())
                .doOnNext(list -> list.forEach(m -> metrics.metered(m.tenantId(), Meter.AGENT_MINUTES, m.minutes())))
                .map(List::size);
    }

    private record Metered(UUID tenantId, BigDecimal minutes) {
    }
}
