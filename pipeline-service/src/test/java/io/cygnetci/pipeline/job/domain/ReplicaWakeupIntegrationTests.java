package io.cygnetci.pipeline.job.domain;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cygnetci.pipeline.PipelineServiceApplication;
import io.cygnetci.pipeline.support.PipelineApi;
import io.cygnetci.pipeline.support.PipelineApi.TestAgent;
import io.cygnetci.pipeline.support.PipelineServiceTest;
import io.cygnetci.platform.test.jwt.JwksServer;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.pipeline.support.PipelineApi.pipeline;
import static io.cygnetci.pipeline.support.PipelineApi.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of pipeline-service on one database: work queued on one wakes a runner long-polling the other
 * through the {@code queued} event, long before the other's own look at the queue (30 s here) would find it.
 */
class ReplicaWakeupIntegrationTests extends PipelineServiceTest {

    private static final Duration RECHECK_OF_REPLICA = Duration.ofSeconds(30);

    @Autowired
    TestDatabase testDatabase;

    private ConfigurableApplicationContext replica;

    @AfterEach
    void stopReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void whenWorkIsQueuedOnOneReplicaThenARunnerWaitingOnAnotherIsWokenByTheEvent() throws Exception {
        replica = startReplica();
        PipelineApi onReplica = new PipelineApi(WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + replica.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(60)).build(), database);
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID pipeline = api.pipelineId(tenant, pipeline("Replicas", List.of(step("a", "true"))));

        // a first round, however it is answered, so the replica's wake-up listener has its partitions
        CompletableFuture<JsonNode> first = longPoll(onReplica, agent);
        api.execute(tenant, pipeline, Map.of());
        assertThat(first.get(60, TimeUnit.SECONDS)).isNotNull();

        CompletableFuture<JsonNode> waiting = longPoll(onReplica, agent);
        // the request is on its way before the work is queued: give it a moment to start waiting
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        long queuedAt = System.nanoTime();
        UUID execution = api.execute(tenant, pipeline, Map.of());
        JsonNode job = waiting.get(30, TimeUnit.SECONDS);
        Duration woken = Duration.ofNanos(System.nanoTime() - queuedAt);

        assertThat(job.get("job_id").asString()).isEqualTo(execution.toString());
        assertThat(woken).isLessThan(RECHECK_OF_REPLICA.dividedBy(3));
    }

    private static CompletableFuture<JsonNode> longPoll(PipelineApi replica, TestAgent agent) {
        return CompletableFuture.supplyAsync(() -> replica.request(agent, 30).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody());
    }

    private ConfigurableApplicationContext startReplica() {
        Map<String, Object> properties = new HashMap<>(testDatabase.springProperties());
        properties.put("server.port", 0);
        properties.put("spring.kafka.bootstrap-servers", KafkaServer.bootstrapServers());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", PipelineApi.USER_ISSUER);
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JwksServer.shared().jwksUri());
        properties.put("cygnetci.security.trusted-issuers[0].issuer", PipelineApi.AGENT_ISSUER);
        properties.put("cygnetci.security.trusted-issuers[0].jwk-set-uri", JwksServer.shared().jwksUri());
        properties.put("cygnetci.pipelines.queue-recheck-interval", RECHECK_OF_REPLICA.toSeconds() + "s");
        properties.put("cygnetci.pipelines.lease-check-interval", "0s");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
        return new SpringApplicationBuilder(PipelineServiceApplication.class).run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
