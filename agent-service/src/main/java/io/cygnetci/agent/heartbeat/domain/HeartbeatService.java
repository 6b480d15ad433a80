package io.cygnetci.agent.heartbeat.domain;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.agent.config.AgentProperties;
import io.cygnetci.agent.heartbeat.event.HeartbeatEvent;
import io.cygnetci.agent.heartbeat.event.HeartbeatPublisher;
import io.cygnetci.agent.tenant.TenantViews;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.cygnetci.platform.problem.ApiException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.UnauthorizedException;
import io.cygnetci.platform.security.CurrentCaller;
import io.cygnetci.platform.security.CygnetAuthentication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts a heartbeat: checks the agent credential against the cached facts of the agent (no database access),
 * publishes the heartbeat to Kafka and tells the agent when to come back and what to do. Last-seen and load reach
 * the database in batches (see {@code HeartbeatWriter}).
 */
@Service
public class HeartbeatService {

    static final class KafkaUnavailableException extends ApiException {
        KafkaUnavailableException() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Heartbeats cannot be accepted right now; retry.");
        }

        @Override
        public HttpHeaders headers() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "5");
            return headers;
        }
    }

    private final AgentAccessCache access;
    private final TenantViews tenants;
    private final HeartbeatPublisher publisher;
    private final AgentProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TenantTagPolicy tags;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public HeartbeatService(AgentAccessCache access, TenantViews tenants, HeartbeatPublisher publisher,
            AgentProperties properties, Clock clock, MeterRegistry meters, TenantTagPolicy tags) {
        this.access = access;
        this.tenants = tenants;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.tags = tags;
    }

    public Mono<HeartbeatAnswer> accept(UUID agentId, HeartbeatReport report) {
        return CurrentCaller.authentication()
                .filter(auth -> auth.getPrincipal().isAgent() && auth.getPrincipal().tenantId() != null)
                .switchIfEmpty(Mono.error(() -> new ForbiddenException("This needs an agent credential.")))
                .flatMap(auth -> accept(auth, agentId, report));
    }

    private Mono<HeartbeatAnswer> accept(CygnetAuthentication auth, UUID agentId, HeartbeatReport report) {
        UUID tenantId = auth.getPrincipal().tenantId();
        if (!agentId.equals(auth.getPrincipal().userId())) {
            return Mono.error(new ForbiddenException("This credential belongs to another agent."));
        }
        if (!tenants.isUsable(tenantId)) {
            return Mono.error(new ForbiddenException("The agent's tenant is deactivated."));
        }
        UUID credentialId = auth.getToken().getId() == null ? null : UUID.fromString(auth.getToken().getId());
        return access.get(tenantId, agentId)
                .filter(facts -> facts.credentialId().equals(credentialId))
                .switchIfEmpty(Mono.error(() -> new UnauthorizedException("Bearer",
                        "This agent credential has been revoked; register the agent again.")))
                .flatMap(facts -> publisher.publish(new HeartbeatEvent(agentId, tenantId, report.cpuPercent(),
                                report.memoryPercent(), report.diskPercent(), report.runningJobs(), report.version(),
                                clock.instant()))
                        .onErrorMap(ex -> !(ex instanceof ApiException), ex -> new KafkaUnavailableException())
                        .doOnSuccess(done -> counter(tenantId).increment())
                        .thenReturn(answer(facts)));
    }

    private HeartbeatAnswer answer(AgentAccess facts) {
        int interval = facts.heartbeatIntervalSeconds() != null ? facts.heartbeatIntervalSeconds()
                : (int) properties.heartbeatInterval().toSeconds();
        List<String> actions = "stop".equals(facts.pendingAction()) ? List.of("stop")
                : facts.disabled() ? List.of("pause") : List.of();
        return new HeartbeatAnswer(interval, actions);
    }

    private Counter counter(UUID tenantId) {
        return counters.computeIfAbsent(tags.tagFor(tenantId), tag -> Counter.builder("cygnetci.agent.heartbeats")
                .description("Heartbeats accepted").tag(TenantTagPolicy.TAG, tag).register(meters));
    }
}
