package io.cygnetci.pipeline.pipeline.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.pipeline.support.PipelineApi;
import io.cygnetci.pipeline.support.PipelineServiceTest;
import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static io.cygnetci.pipeline.support.PipelineApi.bearer;
import static io.cygnetci.pipeline.support.PipelineApi.body;
import static io.cygnetci.pipeline.support.PipelineApi.pipeline;
import static io.cygnetci.pipeline.support.PipelineApi.step;
import static io.cygnetci.pipeline.support.PipelineApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineIntegrationTests extends PipelineServiceTest {

    static Map<String, Object> buildApi() {
        Map<String, Object> body = pipeline("Build API", List.of(step("Build", "make build"),
                step("Test", "make test")));
        body.put("description", "Builds the API service");
        body.put("repository", "https://git.example.test/api.git");
        body.put("ref", "main");
        body.put("agent_labels", List.of("linux"));
        body.put("parameters", List.of(Map.of("name", "TARGET", "default", "staging", "required", true),
                Map.of("name", "API_KEY", "default", "s3cr3t-value", "secret", true)));
        return body;
    }

    @Test
    void whenAMemberCreatesAPipelineThenItIsAnsweredWithoutSecretValuesAndAnnounced() throws Exception {
        UUID tenant = api.tenant();
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(), "cygnetci.pipelines.v1")) {
            JsonNode created = body(api.createPipeline(tenant, buildApi()).expectStatus().isCreated());
            UUID id = UUID.fromString(created.get("id").asString());

            assertThat(created.get("name").asString()).isEqualTo("Build API");
            assertThat(created.get("version").asInt()).isEqualTo(1);
            assertThat(created.get("steps")).hasSize(2);
            assertThat(created.get("steps").get(0).get("timeout_seconds").asInt()).isEqualTo(3600);
            JsonNode secret = created.get("parameters").get(1);
            assertThat(secret.get("secret").asBoolean()).isTrue();
            assertThat(secret.get("has_default").asBoolean()).isTrue();
            assertThat(secret.has("default")).isFalse();
            assertThat(created.toString()).doesNotContain("s3cr3t-value");

            String read = client.get().uri("/api/v1/pipelines/{id}", id).headers(bearer(user(tenant, "viewer")))
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(read).contains("staging").doesNotContain("s3cr3t-value");

            await().atMost(Duration.ofSeconds(20)).until(() -> !PipelineApi.events(events, "io.cygnetci.pipeline.created.v1", tenant)
                    .isEmpty());
            ConsumerRecord<String, byte[]> event = PipelineApi.events(events, "io.cygnetci.pipeline.created.v1", tenant).get(0);
            assertThat(event.key()).isEqualTo(tenant.toString());
            assertThat(new String(event.value())).doesNotContain("s3cr3t-value").contains("Build API");
            assertThat(EventSchemas.validate("io.cygnetci.pipeline.created.v1", event.value())).isEmpty();
        }
    }

    @Test
    void whenAPipelineIsReplacedWithoutItsSecretDefaultThenTheSecretIsKeptAndTheVersionGrows() throws Exception {
        UUID tenant = api.tenant();
        UUID id = api.pipelineId(tenant, buildApi());
        Map<String, Object> replacement = buildApi();
        replacement.put("name", "Build API v2");
        replacement.put("parameters", List.of(Map.of("name", "TARGET", "required", false),
                Map.of("name", "API_KEY", "secret", true)));
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(), "cygnetci.pipelines.v1")) {
            JsonNode replaced = body(client.put().uri("/api/v1/pipelines/{id}", id)
                    .headers(bearer(user(tenant, "tenant_admin"))).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(replacement).exchange().expectStatus().isOk());
            assertThat(replaced.get("version").asInt()).isEqualTo(2);
            assertThat(replaced.get("parameters").get(1).get("has_default").asBoolean()).isTrue();
            assertThat(replaced.get("parameters").get(0).get("has_default").asBoolean()).isFalse();
            await().atMost(Duration.ofSeconds(20)).until(() -> !PipelineApi.events(events, "io.cygnetci.pipeline.updated.v1", tenant)
                    .isEmpty());
            assertThat(EventSchemas.validate("io.cygnetci.pipeline.updated.v1",
                    PipelineApi.events(events, "io.cygnetci.pipeline.updated.v1", tenant).get(0).value())).isEmpty();
        }
        // the kept secret still runs: an execution carries it (masked when shown)
        JsonNode execution = body(api.trigger(tenant, id, Map.of()).expectStatus().isCreated());
        assertThat(execution.get("parameters").get("API_KEY").asString()).isEqualTo("****");
    }

    @Test
    void whenAPipelineIsDeletedThenItIsGoneAndAnnounced() throws Exception {
        UUID tenant = api.tenant();
        UUID id = api.pipelineId(tenant, buildApi());
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(), "cygnetci.pipelines.v1")) {
            client.delete().uri("/api/v1/pipelines/{id}", id).headers(bearer(user(tenant, "member"))).exchange()
                    .expectStatus().isNoContent();
            client.get().uri("/api/v1/pipelines/{id}", id).headers(bearer(user(tenant, "viewer"))).exchange()
                    .expectStatus().isNotFound();
            await().atMost(Duration.ofSeconds(20)).until(() -> !PipelineApi.events(events, "io.cygnetci.pipeline.deleted.v1", tenant)
                    .isEmpty());
            assertThat(EventSchemas.validate("io.cygnetci.pipeline.deleted.v1",
                    PipelineApi.events(events, "io.cygnetci.pipeline.deleted.v1", tenant).get(0).value())).isEmpty();
        }
    }

    @Test
    void whenTheTenantHasReachedMaxPipelinesThenCreatingAnotherAnswers409() {
        UUID tenant = api.tenant(2, 100);
        api.pipelineId(tenant, pipeline("one", List.of(step("a", "true"))));
        api.pipelineId(tenant, pipeline("two", List.of(step("a", "true"))));
        JsonNode problem = body(api.createPipeline(tenant, pipeline("three", List.of(step("a", "true"))))
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem.get("type").asString()).endsWith("/quota-exceeded");
        assertThat(api.count("select count(*) from pipelines where tenant_id = '" + tenant + "'")).isEqualTo(2);
    }

    @Test
    void whenANameIsTakenThenCreatingAnswers409() {
        UUID tenant = api.tenant();
        api.pipelineId(tenant, pipeline("Deploy", List.of(step("a", "true"))));
        JsonNode problem = body(api.createPipeline(tenant, pipeline("deploy", List.of(step("a", "true"))))
                .expectStatus().isEqualTo(409));
        assertThat(problem.get("type").asString()).endsWith("/name-taken");
    }

    @Test
    void whenABindingNamesAnotherTenantsAgentThenItAnswers404AndAnOwnAgentIsAccepted() {
        UUID tenant = api.tenant();
        UUID other = api.tenant();
        PipelineApi.TestAgent theirs = api.agent(other, "linux");
        PipelineApi.TestAgent ours = api.agent(tenant, "linux");

        Map<String, Object> bound = pipeline("bound", List.of(step("a", "true")));
        bound.put("agent_id", theirs.id().toString());
        JsonNode problem = body(api.createPipeline(tenant, bound).expectStatus().isNotFound());
        assertThat(problem.toString()).doesNotContain(theirs.id().toString()).doesNotContain(other.toString());

        bound.put("agent_id", ours.id().toString());
        JsonNode created = body(api.createPipeline(tenant, bound).expectStatus().isCreated());
        assertThat(created.get("agent_id").asString()).isEqualTo(ours.id().toString());
    }

    @Test
    void whenTheDefinitionIsInvalidThenItAnswers400WithEveryFieldAndCreatesNothing() {
        UUID tenant = api.tenant();
        Map<String, Object> bad = pipeline(" ", List.of(step("Build", ""), step("build", "x")));
        bad.put("agent_id", UUID.randomUUID().toString());
        bad.put("agent_labels", List.of("linux"));
        bad.put("parameters", List.of(Map.of("name", "1BAD"), Map.of("name", "CYGNETCI_X")));
        JsonNode problem = body(api.createPipeline(tenant, bad).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem.get("errors").toString()).contains("name").contains("steps[0].command")
                .contains("parameters[0].name");

        Map<String, Object> crossField = pipeline("ok", List.of(step("Build", "x"), step("build", "y")));
        crossField.put("agent_id", UUID.randomUUID().toString());
        crossField.put("agent_labels", List.of("linux"));
        crossField.put("parameters", List.of(Map.of("name", "CYGNETCI_X")));
        JsonNode rules = body(api.createPipeline(tenant, crossField).expectStatus().isBadRequest());
        assertThat(rules.get("errors").toString()).contains("agent_labels").contains("steps[1].name")
                .contains("parameters[0].name");

        Map<String, Object> noSteps = pipeline("empty", List.of());
        api.createPipeline(tenant, noSteps).expectStatus().isBadRequest();
        client.post().uri("/api/v1/pipelines").headers(bearer(user(tenant, "member")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"x\", \"steps\": [], \"bogus\": 1}")
                .exchange().expectStatus().isBadRequest();
        assertThat(api.count("select count(*) from pipelines where tenant_id = '" + tenant + "'")).isZero();
    }

    @Test
    void whenAViewerWritesThenItAnswers403AndAnotherTenantsPipelineAnswers404() {
        UUID tenant = api.tenant();
        UUID other = api.tenant();
        UUID theirs = api.pipelineId(other, pipeline("Theirs", List.of(step("a", "true"))));

        client.post().uri("/api/v1/pipelines").headers(bearer(user(tenant, "viewer")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pipeline("x", List.of(step("a", "true"))))
                .exchange().expectStatus().isForbidden();
        for (String role : List.of("viewer", "tenant_admin")) {
            client.get().uri("/api/v1/pipelines/{id}", theirs).headers(bearer(user(tenant, role))).exchange()
                    .expectStatus().isNotFound();
        }
        client.put().uri("/api/v1/pipelines/{id}", theirs).headers(bearer(user(tenant, "tenant_admin")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pipeline("Mine now", List.of(step("a", "true"))))
                .exchange().expectStatus().isNotFound();
        client.delete().uri("/api/v1/pipelines/{id}", theirs).headers(bearer(user(tenant, "tenant_admin")))
                .exchange().expectStatus().isNotFound();
        JsonNode list = body(client.get().uri("/api/v1/pipelines").headers(bearer(user(tenant, "viewer")))
                .exchange().expectStatus().isOk());
        assertThat(list.get("items")).isEmpty();
        PipelineApi.TestAgent agent = api.agent(tenant);
        client.get().uri("/api/v1/pipelines").headers(agent.auth()).exchange().expectStatus().isForbidden();
    }

    @Test
    void whenListingThenPagesAreStableAndQFilters() {
        UUID tenant = api.tenant();
        for (int i = 0; i < 5; i++) {
            api.pipelineId(tenant, pipeline("Service " + i, List.of(step("a", "true"))));
        }
        api.pipelineId(tenant, pipeline("Other", List.of(step("a", "true"))));
        JsonNode first = body(client.get().uri("/api/v1/pipelines?limit=4").headers(bearer(user(tenant, "viewer")))
                .exchange().expectStatus().isOk());
        assertThat(first.get("items")).hasSize(4);
        JsonNode second = body(client.get().uri("/api/v1/pipelines?limit=4&cursor={c}",
                first.get("next_cursor").asString()).headers(bearer(user(tenant, "viewer"))).exchange()
                .expectStatus().isOk());
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.has("next_cursor")).isFalse();
        JsonNode filtered = body(client.get().uri("/api/v1/pipelines?q=service").headers(bearer(user(tenant,
                "viewer"))).exchange().expectStatus().isOk());
        assertThat(filtered.get("items")).hasSize(5);
    }
}
