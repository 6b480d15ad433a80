package io.cygnetci.agent.heartbeat.event;

import io.cygnetci.agent.agent.event.AgentEvents;
import io.cygnetci.agent.heartbeat.domain.AgentAccessCache;
import io.cygnetci.platform.events.CloudEventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every replica reads {@code cygnetci.agents.v1} with a group of its own (from the latest offset) and evicts the
 * cached access facts of each agent an event is about: a credential revoked, an agent disabled or deleted on
 * another replica takes effect here within the outbox relay's delay, not the cache's lifetime.
 */
@Component
class AgentChangesListener {

    private final AgentAccessCache access;

    AgentChangesListener(AgentAccessCache access) {
        this.access = access;
    }

    @KafkaListener(topics = AgentEvents.TOPIC, groupId = "${spring.application.name}-access-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        // an event that is not about an agent has nothing cached under its subject
        CloudEventRecords.uuidAttribute(record, "subject").ifPresent(access::evict);
    }
}
