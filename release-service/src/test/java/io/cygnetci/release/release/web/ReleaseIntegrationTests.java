package io.cygnetci.release.release.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.release.support.ReleaseApi;
import io.cygnetci.platform.test.jwt.TestUser;
import io.cygnetci.release.support.ReleaseServiceTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static io.cygnetci.release.support.ReleaseApi.body;
import static io.cygnetci.release.support.ReleaseApi.release;
import static io.cygnetci.release.support.ReleaseApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Releases: creation from the tenant's own pipelines, immutability, lists and stages, the created event. */
class ReleaseIntegrationTests extends ReleaseServiceTest {

    @Test
    void whenAReleaseIsCreatedThenItSnapshotsItsPipelinesAndShowsItsStagesAndItsEventIsPublished() throws Exception {
        UUID tenant = api.tenant();
        UUID buildApi = api.pipeline(tenant, "Build API");
        UUID buildWeb = api.pipeline(tenant, "Build Web");
        TestUser member = user(tenant, "member");
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(), "cygnetci.releases.v1")) {
            JsonNode created = body(api.createRelease(member, release("v2.0 Release Pipeline", "2.0.0",
                    List.of(buildApi, buildWeb))).expectStatus().isCreated()
                    .expectHeader().valueMatches("Location", "/api/v1/releases/[0-9a-f-]{36}"));

            assertThat(created.get("status").asString()).isEqualTo("created");
            assertThat(created.get("created_by").asString()).isEqualTo(member.id().toString());
            assertThat(created.get("pipelines").get(0).get("name").asString()).isEqualTo("Build API");
            assertThat(created.get("pipelines").get(1).get("pipeline_id").asString()).isEqualTo(buildWeb.toString());
            assertThat(created.get("artifacts").get(0).get("sha256").asString()).isEqualTo("a".repeat(64));
            JsonNode stages = created.get("stages");
            assertThat(stages).hasSize(4);
            assertThat(stages.get(0).get("environment_name").asString()).isEqualTo("Dev");
            assertThat(stages.get(0).get("status").asString()).isEqualTo("not_deployed");
            assertThat(stages.get(0).get("promotable").asBoolean()).isTrue();
            assertThat(stages.get(1).get("promotable").asBoolean()).isFalse();

            // a renamed pipeline does not change the release: it is a snapshot
            ReleaseApi.publish("cygnetci.pipelines.v1", tenant, buildApi, "io.cygnetci.pipeline.updated.v1",
                    Map.of("pipeline_id", buildApi.toString(), "tenant_id", tenant.toString(), "name", "Renamed"));
            await().atMost(ReleaseApi.PATIENCE).until(() -> api.count("select count(*) from pipelines where name = "
                    + "'Renamed' and pipeline_id = '" + buildApi + "'") == 1);
            UUID id = UUID.fromString(created.get("id").asString());
            assertThat(api.release(user(tenant, "viewer"), id).get("pipelines").get(0).get("name").asString())
                    .isEqualTo("Build API");

            await().atMost(ReleaseApi.PATIENCE).until(() -> !events.records(r -> r.key().equals(tenant.toString()))
                    .isEmpty());
            ConsumerRecord<String, byte[]> event = events.records(r -> r.key().equals(tenant.toString())).get(0);
            assertThat(TopicRecorder.header(event, "ce_type")).contains("io.cygnetci.release.created.v1");
            assertThat(TopicRecorder.header(event, "ce_tenantid")).contains(tenant.toString());
            assertThat(EventSchemas.validate("io.cygnetci.release.created.v1", event.value())).isEmpty();
        }
    }

    @Test
    void whenAPipelineIsUnknownOrAnotherTenantsThenItIsNotFoundAndNothingIsCreated() {
        UUID tenant = api.tenant();
        UUID other = api.tenant();
        UUID mine = api.pipeline(tenant, "Build API");
        UUID theirs = api.pipeline(other, "Their build");
        UUID deleted = api.pipeline(tenant, "Old build");
        api.deletePipeline(tenant, deleted);
        TestUser member = user(tenant, "member");

        String body = api.createRelease(member, release("Mixed", "1.0.0", List.of(mine, theirs)))
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain(theirs.toString()).doesNotContain("Their build").doesNotContain(other.toString());
        api.createRelease(member, release("Gone", "1.0.0", List.of(deleted))).expectStatus().isNotFound();
        api.createRelease(member, release("Made up", "1.0.0", List.of(UUID.randomUUID()))).expectStatus().isNotFound();

        assertThat(api.count("select count(*) from releases where tenant_id = '" + tenant + "'")).isZero();
    }

    @Test
    void whenTheInputIsWrongOrTheCallerAViewerOrTheReleaseExistsThenItIsRefusedAndNothingIsCreated() {
        UUID tenant = api.tenant();
        UUID pipeline = api.pipeline(tenant, "Build API");
        TestUser member = user(tenant, "member");
        Map<String, Object> bad = release("", "not a version!", List.of());
        bad.put("artifacts", List.of(Map.of("name", "x", "uri", "relative/path", "sha256", "xyz")));
        api.createRelease(member, bad).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
                        .contains("name", "version", "pipeline_ids", "artifacts[0].sha256"));
        Map<String, Object> relative = release("Relative", "1.0.0", List.of(pipeline));
        relative.put("artifacts", List.of(Map.of("name", "x", "uri", "relative/path", "sha256", "b".repeat(64))));
        api.createRelease(member, relative).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("artifacts[0].uri");
        api.createRelease(user(tenant, "viewer"), release("Viewer", "1.0.0", List.of(pipeline)))
                .expectStatus().isForbidden();

        api.createRelease(member, release("API", "1.0.0", List.of(pipeline))).expectStatus().isCreated();
        api.createRelease(member, release("API", "1.0.0", List.of(pipeline))).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/release-exists");

        assertThat(api.count("select count(*) from releases where tenant_id = '" + tenant + "'")).isOne();
    }

    @Test
    void whenSomeoneTriesToChangeAReleaseThenTheMethodIsNotAllowedAndItStaysAsItWas() {
        UUID tenant = api.tenant();
        UUID pipeline = api.pipeline(tenant, "Build API");
        TestUser admin = user(tenant, "tenant_admin");
        UUID id = api.releaseId(admin, release("API", "1.0.0", List.of(pipeline)));

        client.put().uri("/api/v1/releases/{id}", id).headers(admin.auth()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(release("API", "1.0.1", List.of(pipeline))).exchange()
                .expectStatus().isEqualTo(405).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.patch().uri("/api/v1/releases/{id}", id).headers(admin.auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("version", "9.9.9")).exchange()
                .expectStatus().isEqualTo(405);
        client.delete().uri("/api/v1/releases/{id}", id).headers(admin.auth()).exchange()
                .expectStatus().isEqualTo(405);

        assertThat(api.release(admin, id).get("version").asString()).isEqualTo("1.0.0");
    }

    @Test
    void whenReleasesAreListedThenFiltersAndCursorsWorkAndOtherTenantsReleasesNeverShow() {
        UUID tenant = api.tenant();
        UUID other = api.tenant();
        UUID pipeline = api.pipeline(tenant, "Build API");
        UUID theirPipeline = api.pipeline(other, "Build API");
        TestUser member = user(tenant, "member");
        for (int i = 1; i <= 3; i++) {
            api.createRelease(member, release("API", "1." + i + ".0", List.of(pipeline))).expectStatus().isCreated();
            clock.advance(Duration.ofSeconds(1));
        }
        api.createRelease(member, release("Web", "5.0.0", List.of(pipeline))).expectStatus().isCreated();
        UUID theirs = api.releaseId(user(other, "member"), release("API", "7.0.0", List.of(theirPipeline)));

        JsonNode first = list(member, "/api/v1/releases?limit=2&q=api");
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).get("version").asString()).isEqualTo("1.3.0");
        assertThat(first.get("items").get(0).has("stages")).isFalse();
        JsonNode second = list(member, "/api/v1/releases?limit=2&q=api&cursor=" + first.get("next_cursor").asString());
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.has("next_cursor")).isFalse();
        assertThat(list(member, "/api/v1/releases?status=created").get("items")).hasSize(4);
        assertThat(list(member, "/api/v1/releases?status=completed").get("items")).isEmpty();
        client.get().uri("/api/v1/releases?status=shipped").headers(member.auth()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("status");

        assertThat(list(member, "/api/v1/releases?limit=200").toString()).doesNotContain("7.0.0");
        client.get().uri("/api/v1/releases/{id}", theirs).headers(member.auth()).exchange()
                .expectStatus().isNotFound();
    }

    private JsonNode list(TestUser user, String uri) {
        return body(client.get().uri(uri).headers(user.auth()).exchange().expectStatus().isOk());
    }
}
