package io.cygnetci.agent.agent.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.agent.agent.domain.Agent;

/** An agent as the API shows it. */
record AgentResponse(UUID id, UUID uuid, String name, String hostname, String os, String arch, String location,
        List<String> labels, String version, String status, boolean disabled, Instant lastSeenAt,
        Instant statusChangedAt, Load load, String pendingAction, Instant createdAt, Instant updatedAt) {

    record Load(Float cpuPercent, Float memoryPercent, Float diskPercent, Integer runningJobs) {
    }

    static AgentResponse of(Agent a, boolean tenantUsable) {
        Agent.Load l = a.load();
        return new AgentResponse(a.id(), a.agentUuid(), a.name(), a.hostname(), a.os(), a.arch(), a.location(),
                a.labels(), a.version(), a.status(tenantUsable), a.disabled(), a.lastSeenAt(), a.statusChangedAt(),
                a.lastSeenAt() == null ? null
                        : new Load(l.cpuPercent(), l.memoryPercent(), l.diskPercent(), l.runningJobs()),
                a.pendingAction(), a.createdAt(), a.updatedAt());
    }
}
