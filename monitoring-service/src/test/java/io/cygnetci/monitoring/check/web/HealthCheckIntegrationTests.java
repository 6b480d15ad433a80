package io.cygnetci.monitoring.check.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.monitoring.support.MonitoringApi;
import io.cygnetci.platform.test.jwt.TestUser;
import io.cygnetci.monitoring.support.MonitoringServiceTest;
import io.cygnetci.monitoring.support.TargetServer;
import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static io.cygnetci.monitoring.support.MonitoringApi.PATIENCE;
import static io.cygnetci.monitoring.support.MonitoringApi.body;
import static io.cygnetci.monitoring.support.MonitoringApi.id;
import static io.cygnetci.monitoring.support.MonitoringApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health checks against a real HTTP server: outcomes, history, status-change events, the SSRF guard, isolation. */
class HealthCheckIntegrationTests extends MonitoringServiceTest {

    private static TargetServer target;

    @BeforeAll
    static void startTarget() throws Exception {
        target = new TargetServer();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    static Map<String, Object> http(String name, String url) {
        return new HashMap<>(Map.of("name", name, "kind", "http", "url", url, "interval_seconds", 30,
                "timeout_ms", 2000, "warning_threshold_ms", 1000));
    }

    static Map<String, Object> tcp(String name, int port) {
        return new HashMap<>(Map.of("name", name, "kind", "tcp", "host", "127.0.0.1", "port", port,
                "interval_seconds", 30, "timeout_ms", 2000, "warning_threshold_ms", 1000));
    }

    @Test
    void whenChecksRunAgainstARealServerThenHealthyWarningAndDownAreRecordedWithTheirReasons() throws Exception {
        UUID tenant = UUID.randomUUID();
        TestUser member = user(tenant, "member");
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(), "cygnetci.service-health.v1")) {
            Map<String, Object> slow = http("Slow API", target.url("/slow"));
            slow.put("warning_threshold_ms", 200);
            Map<String, Object> withBody = http("Body API", target.url("/ok"));
            withBody.put("body_contains", "status: ok");
            Map<String, Object> wrongBody = http("Wrong body", target.url("/ok"));
            wrongBody.put("body_contains", "status: great");
            Map<String, UUID> ids = new HashMap<>();
            for (Map<String, Object> body : List.of(http("API", target.url("/ok")), slow, withBody, wrongBody,
                    http("Broken API", target.url("/error")), http("Redirecting", target.url("/redirect")),
                    http("Nothing there", "http://127.0.0.1:" + TargetServer.closedPort() + "/"),
                    tcp("Redis Cache", target.port()), tcp("Closed port", TargetServer.closedPort()))) {
                ids.put((String) body.get("name"), id(api.createService(member, body).expectStatus().isCreated()));
            }

            await().atMost(PATIENCE).until(() -> api.count("select count(*) from services where tenant_id = '"
                    + tenant + "' and status = 'unknown'") == 0);
            assertStatus(member, ids.get("API"), "healthy", null);
            assertStatus(member, ids.get("Body API"), "healthy", null);
            assertStatus(member, ids.get("Redis Cache"), "healthy", null);
            assertStatus(member, ids.get("Slow API"), "warning", "slow response");
            assertStatus(member, ids.get("Broken API"), "down", "expected HTTP 200, got 503");
            assertStatus(member, ids.get("Redirecting"), "down", "expected HTTP 200, got 302");
            assertStatus(member, ids.get("Wrong body"), "down", "does not contain \"status: great\"");
            assertStatus(member, ids.get("Nothing there"), "down", "connection refused");
            assertStatus(member, ids.get("Closed port"), "down", "connection refused");
            assertThat(api.service(member, ids.get("Slow API")).get("last_response_ms").asInt())
                    .isGreaterThanOrEqualTo(400);

            // one result each in the history, and one status change each on the topic, valid against the schema
            JsonNode results = body(client.get().uri("/api/v1/services/{id}/results", ids.get("Broken API"))
                    .headers(member.auth()).exchange().expectStatus().isOk());
            assertThat(results.get("items")).hasSize(1);
            assertThat(results.get("items").get(0).get("status").asString()).isEqualTo("down");
            await().atMost(PATIENCE).until(() -> events.records(r -> r.key().equals(tenant.toString())).size() == 9);
            for (ConsumerRecord<String, byte[]> record : events.records(r -> r.key().equals(tenant.toString()))) {
                assertThat(TopicRecorder.header(record, "ce_type")).contains("io.cygnetci.service.status-changed.v1");
                assertThat(TopicRecorder.header(record, "ce_tenantid")).contains(tenant.toString());
                assertThat(EventSchemas.validate("io.cygnetci.service.status-changed.v1", record.value())).isEmpty();
            }

            // and the activity feed says it in words
            JsonNode activity = api.activity(member, "?kind=service&limit=50");
            assertThat(activity.get("items").valueStream().map(a -> a.get("message").asString()).toList())
                    .contains("Service Slow API warning: slow response (" + api.service(member, ids.get("Slow API"))
                            .get("last_response_ms").asInt() + " ms)", "Service Redis Cache is healthy",
                            "Service Broken API down: expected HTTP 200, got 503");
        }
    }

    @Test
    void whenTheIntervalPassesThenTheCheckRunsAgainAndAChangeOfStatusIsPublishedOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        TestUser member = user(tenant, "member");
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(), "cygnetci.service-health.v1")) {
            UUID id = id(api.createService(member, http("API", target.url("/ok"))).expectStatus().isCreated());
            await().atMost(PATIENCE).until(() -> results(member, id) == 1);

            clock.advance(Duration.ofSeconds(30));
            await().atMost(PATIENCE).until(() -> results(member, id) == 2);
            assertStatus(member, id, "healthy", null);

            // pointing it elsewhere checks it at once; healthy → down is one event, down → down none
            Map<String, Object> broken = http("API", target.url("/error"));
            client.put().uri("/api/v1/services/{id}", id).headers(member.auth())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(broken).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("unknown");
            await().atMost(PATIENCE).until(() -> results(member, id) == 3);
            clock.advance(Duration.ofSeconds(30));
            await().atMost(PATIENCE).until(() -> results(member, id) == 4);
            assertStatus(member, id, "down", "got 503");

            await().atMost(PATIENCE).until(() -> events.records(r -> r.key().equals(tenant.toString())).size() >= 2);
            List<String> statuses = events.records(r -> r.key().equals(tenant.toString())).stream()
                    .map(r -> MonitoringApi.json(r.value()).get("status").asString()).toList();
            assertThat(statuses).containsExactly("healthy", "down");
        }
    }

    @Test
    void whenATargetIsInternalThenItIsRefusedWith400AndNothingIsCreated() {
        UUID tenant = UUID.randomUUID();
        TestUser admin = user(tenant, "tenant_admin");
        for (String url : List.of("http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                "http://192.168.1.10:8080/", "http://[::1]:8080/", "http://0.0.0.0/", "http://100.64.0.1/",
                "http://[::ffff:169.254.169.254]/", "http://[fd00:ec2::254]/", "http://127.0.0.2/",
                "http://localhost.invalid/")) {
            JsonNode problem = body(api.createService(admin, http("Internal", url)).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat(problem.get("errors").get(0).get("field").asString()).as(url).isEqualTo("url");
        }
        Map<String, Object> metadataDb = tcp("Metadata", 80);
        metadataDb.put("host", "169.254.169.254");
        api.createService(admin, metadataDb).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("host")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("link-local"));
        assertThat(api.count("select count(*) from services where tenant_id = '" + tenant + "'")).isZero();
    }

    @Test
    void whenTheInputIsWrongOrTheCallerIsAViewerThenNothingIsCreated() {
        UUID tenant = UUID.randomUUID();
        TestUser member = user(tenant, "member");
        Map<String, Object> noUrl = http("No URL", target.url("/ok"));
        noUrl.remove("url");
        Map<String, Object> noPort = tcp("No port", 1);
        noPort.remove("port");
        Map<String, Object> slowWarning = http("Warning", target.url("/ok"));
        slowWarning.put("warning_threshold_ms", 2000);
        Map<String, Object> credentials = http("Creds", "http://user:secret@127.0.0.1:" + target.port() + "/ok");
        Map<String, Object> ftp = http("FTP", "ftp://127.0.0.1/");
        Map<String, Object> often = http("Often", target.url("/ok"));
        often.put("interval_seconds", 1);
        Map<String, Object> kind = http("Kind", target.url("/ok"));
        kind.put("kind", "icmp");
        Map<String, Object> mixed = http("Mixed", target.url("/ok"));
        mixed.put("port", 80);
        Map<String, Object> extra = http("Extra", target.url("/ok"));
        extra.put("tenant_id", UUID.randomUUID().toString());
        Map<String, String> expected = Map.of("No URL", "url", "No port", "port", "Warning", "warning_threshold_ms",
                "Creds", "url", "FTP", "url", "Often", "interval_seconds", "Kind", "kind", "Mixed", "port",
                "Extra", "tenant_id");
        for (Map<String, Object> body : List.of(noUrl, noPort, slowWarning, credentials, ftp, often, kind, mixed,
                extra)) {
            JsonNode problem = body(api.createService(member, body).expectStatus().isBadRequest());
            assertThat(problem.get("errors").get(0).get("field").asString()).as(body.get("name").toString())
                    .isEqualTo(expected.get(body.get("name").toString()));
        }
        api.createService(user(tenant, "viewer"), http("Viewer", target.url("/ok"))).expectStatus().isForbidden();
        assertThat(api.count("select count(*) from services where tenant_id = '" + tenant + "'")).isZero();

        UUID id = id(api.createService(member, http("API", target.url("/ok"))).expectStatus().isCreated());
        api.createService(member, http("api", target.url("/ok"))).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/name-taken");
        assertThat(api.count("select count(*) from services where tenant_id = '" + tenant + "'")).isOne();
        assertThat(api.service(member, id).get("name").asString()).isEqualTo("API");
    }

    @Test
    void whenAnotherTenantAsksThenItsServicesAreNotFoundAndNotListed() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        TestUser me = user(mine, "tenant_admin");
        TestUser them = user(theirs, "tenant_admin");
        UUID id = id(api.createService(me, http("Secret DB", target.url("/ok"))).expectStatus().isCreated());

        for (var request : List.of(client.get().uri("/api/v1/services/{id}", id),
                client.get().uri("/api/v1/services/{id}/results", id), client.delete().uri("/api/v1/services/{id}", id))) {
            String text = request.headers(them.auth()).exchange().expectStatus().isNotFound()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(text).doesNotContain("Secret DB").doesNotContain(mine.toString());
        }
        client.put().uri("/api/v1/services/{id}", id).headers(them.auth()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(http("Mine now", target.url("/ok"))).exchange().expectStatus().isNotFound();
        assertThat(body(client.get().uri("/api/v1/services").headers(them.auth()).exchange().expectStatus().isOk())
                .get("items")).isEmpty();
        assertThat(api.service(me, id).get("name").asString()).isEqualTo("Secret DB");
    }

    @Test
    void whenOneTenantHasManyChecksDueThenAnotherTenantsCheckIsNotHeldBehindThem() {
        UUID busy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        TestUser busyMember = user(busy, "member");
        for (int i = 0; i < 24; i++) {
            Map<String, Object> slow = http("Slow " + i, target.url("/slow"));
            slow.put("warning_threshold_ms", 1500);
            api.createService(busyMember, slow).expectStatus().isCreated();
        }
        UUID quick = id(api.createService(user(quiet, "member"), http("Quick", target.url("/ok"))).expectStatus()
                .isCreated());

        // at most 4 of the busy tenant run at once (400 ms each): its 24 take over two seconds; the quiet tenant's
        // check is claimed in the first round it is due, ahead of the busy tenant's second check
        await().atMost(PATIENCE).until(() -> api.count("select count(*) from services where id = '" + quick
                + "' and status <> 'unknown'") == 1);
        assertThat(api.count("select count(*) from services where tenant_id = '" + busy + "' and status = 'unknown'"))
                .isGreaterThan(0);
        await().atMost(PATIENCE).until(() -> api.count("select count(*) from services where tenant_id = '" + busy
                + "' and status = 'unknown'") == 0);
    }

    private long results(TestUser user, UUID id) {
        return body(client.get().uri("/api/v1/services/{id}/results", id).headers(user.auth()).exchange()
                .expectStatus().isOk()).get("items").size();
    }

    private void assertStatus(TestUser user, UUID id, String status, String error) {
        JsonNode service = api.service(user, id);
        assertThat(service.get("status").asString()).as(service.get("name").asString()).isEqualTo(status);
        if (error == null) {
            assertThat(service.get("last_error")).as(service.get("name").asString()).isNull();
        }
        else {
            assertThat(service.get("last_error").asString()).as(service.get("name").asString()).contains(error);
        }
    }
}
