package io.cygnetci.agent.heartbeat.event;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.agent.agent.domain.Agent;
import io.cygnetci.agent.agent.domain.AgentRepository;
import io.cygnetci.agent.agent.event.AgentEvents;
import io.cygnetci.agent.config.HeartbeatConsumerConfiguration;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.outbox.Outbox;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Writes heartbeats to the database in batches: the consumer waits up to the flush interval for a batch, keeps the
 * latest heartbeat of each agent and updates all of them in one statement. An agent that was not online comes
 * online in the same transaction, with its {@code online} event in the outbox; heartbeats of one agent share a
 * partition, so exactly one replica sees each of them, and row locks order it against the liveness detector.
 */
@Component
class HeartbeatWriter {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final TenantDatabase database;
    private final Outbox outbox;
    private final JsonMapper json;
    private final DistributionSummary batchSizes;

    HeartbeatWriter(TenantDatabase database, Outbox outbox, JsonMapper json, MeterRegistry meters) {
        this.database = database;
        this.outbox = outbox;
        this.json = json;
        this.batchSizes = DistributionSummary.builder("cygnetci.agent.heartbeat.batch.size")
                .description("Agents updated per heartbeat batch").register(meters);
    }

    @KafkaListener(topics = HeartbeatEvent.TOPIC, groupId = "${spring.application.name}-heartbeats",
            containerFactory = HeartbeatConsumerConfiguration.FACTORY)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        Map<UUID, HeartbeatEvent> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            HeartbeatEvent heartbeat = CloudEventRecords.fromRecord(record).data(json, HeartbeatEvent.class);
            latest.merge(heartbeat.agentId(), heartbeat,
                    (a, b) -> b.receivedAt().isAfter(a.receivedAt()) ? b : a);
        }
        if (!latest.isEmpty()) {
            // a listener thread, not an event loop: the batch is committed before its offsets are
            write(List.copyOf(latest.values())).block(WRITE_TIMEOUT);
            batchSizes.record(latest.size());
        }
    }

    Mono<Void> write(List<HeartbeatEvent> heartbeats) {
        int n = heartbeats.size();
        UUID[] ids = new UUID[n];
        UUID[] tenants = new UUID[n];
        String[] seen = new String[n];
        Float[] cpu = new Float[n];
        Float[] memory = new Float[n];
        Float[] disk = new Float[n];
        Integer[] jobs = new Integer[n];
        String[] versions = new String[n];
        for (int i = 0; i < n; i++) {
            HeartbeatEvent h = heartbeats.get(i);
            ids[i] = h.agentId();
            tenants[i] = h.tenantId();
            seen[i] = h.receivedAt().toString();
            cpu[i] = h.cpuPercent();
            memory[i] = h.memoryPercent();
            disk[i] = h.diskPercent();
            jobs[i] = h.runningJobs();
            versions[i] = h.version();
        }
        Instant now = Instant.now();
        Flux<Transition> updated = database.client().sql("""
                with hb as (
                    select * from unnest(cast(:ids as uuid[]), cast(:tenants as uuid[]), cast(:seen as timestamptz[]),
                        cast(:cpu as real[]), cast(:memory as real[]), cast(:disk as real[]), cast(:jobs as int[]),
                        cast(:versions as text[])) as t(id, tenant_id, seen, cpu, memory, disk, jobs, version)
                ),
                locked as (
                    select a.id, a.status as previous from agents a
                    join hb on hb.id = a.id and hb.tenant_id = a.tenant_id
                    order by a.id for update of a
                )
                update agents a set
                    last_seen_at = greatest(a.last_seen_at, hb.seen),
                    cpu_percent = hb.cpu, memory_percent = hb.memory, disk_percent = hb.disk,
                    running_jobs = hb.jobs, version = coalesce(hb.version, a.version),
                    -- a heartbeat older than the agent's last status change cannot bring it back
                    status = case when locked.previous = 'online'
                                    or hb.seen >= a.status_changed_at
                                  then 'online' else locked.previous end,
                    status_changed_at = case when locked.previous <> 'online'
                                              and hb.seen >= a.status_changed_at
                                             then hb.seen else a.status_changed_at end
                from hb, locked
                where a.id = hb.id and locked.id = a.id
                returning a.*, locked.previous""")
                .bind("ids", ids).bind("tenants", tenants).bind("seen", seen).bind("cpu", cpu)
                .bind("memory", memory).bind("disk", disk).bind("jobs", jobs).bind("versions", versions)
                .map(row -> new Transition(AgentRepository.mapRow(row), row.get("previous", String.class)))
                .all();
        // the rows are read to the end before the outbox inserts: a second statement on the connection while the
        // first one's rows are still streaming waits for them, and they wait for it (a deadlock past ~32 rows)
        return database.inMany(DbScope.platformWide(), updated.collectList()
                .flatMapMany(Flux::fromIterable)
                .filter(t -> !"online".equals(t.previous()) && "online".equals(t.agent().liveness()))
                .concatMap(t -> outbox.enqueue(AgentEvents.snapshot(AgentEvents.ONLINE, t.agent(), now))))
                .then();
    }

    record Transition(Agent agent, String previous) {
    }
}
