package io.cygnetci.tenant.tenant.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.tenant.support.TenantServiceIntegrationTest;
import io.cygnetci.tenant.support.TestApi;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.platform.test.kafka.TopicRecorder.header;
import static io.cygnetci.tenant.support.TestApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every change publishes its CloudEvent, once, tagged with its tenant and valid against docs/events/. */
@TenantServiceIntegrationTest
class TenantEventsIntegrationTests {

    @Autowired
    WebTestClient client;

    TestApi api;
    TopicRecorder recorder;

    @BeforeEach
    void setUp() {
        api = new TestApi(client);
        recorder = new TopicRecorder(KafkaServer.bootstrapServers(), TenantEvents.TOPIC);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        recorder.close();
    }

    @Test
    void whenTenantGoesThroughItsLifecycleThenEveryEventIsPublishedOnceAndMatchesItsSchema() {
        UUID tenant = api.createTenantId("events");
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        TestApi.Member member = api.member(tenant, "member");
        client.patch().uri("/api/v1/tenants/{id}/members/{user}", tenant, member.userId()).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "viewer")).exchange().expectStatus().isOk();
        client.delete().uri("/api/v1/tenants/{id}/members/{user}", tenant, member.userId()).headers(bearer(admin.token()))
                .exchange().expectStatus().isNoContent();
        client.patch().uri("/api/v1/tenants/{id}", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("description", "updated")).exchange()
                .expectStatus().isOk();
        client.post().uri("/api/v1/tenants/{id}/deactivate", tenant).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isOk();
        client.post().uri("/api/v1/tenants/{id}/activate", tenant).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isOk();
        client.delete().uri("/api/v1/tenants/{id}/members/{user}", tenant, admin.userId()).headers(bearer(api.adminToken()))
                .exchange().expectStatus().isNoContent();
        client.delete().uri("/api/v1/tenants/{id}", tenant).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isNoContent();

        Set<String> expected = Set.of(TenantEvents.CREATED, TenantEvents.UPDATED, TenantEvents.DEACTIVATED,
                TenantEvents.ACTIVATED, TenantEvents.DELETED, TenantEvents.MEMBER_ADDED, TenantEvents.MEMBER_REMOVED,
                TenantEvents.MEMBER_ROLE_CHANGED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(typesOf(tenant)).containsAll(expected));

        List<ConsumerRecord<String, byte[]>> events = ofTenant(tenant);
        assertThat(events.stream().map(r -> header(r, "ce_id").orElseThrow()).collect(Collectors.toSet()))
                .as("no event published twice").hasSize(events.size());
        assertThat(events).filteredOn(r -> TenantEvents.MEMBER_ADDED.equals(header(r, "ce_type").orElse(null)))
                .hasSize(2);
        for (ConsumerRecord<String, byte[]> event : events) {
            assertCloudEvent(event, tenant);
        }
    }

    @Test
    void whenUserIsCreatedThenUserCreatedEventIsPublishedAndMatchesItsSchema() {
        UUID user = api.createUser(TestApi.unique("evt") + "@example.test");
        await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.records(r ->
                user.toString().equals(header(r, "ce_subject").orElse(null))).isEmpty());
        ConsumerRecord<String, byte[]> event = recorder.records(r ->
                user.toString().equals(header(r, "ce_subject").orElse(null))).get(0);
        assertThat(header(event, "ce_type")).contains(TenantEvents.USER_CREATED);
        assertThat(EventSchemas.validate(TenantEvents.USER_CREATED, event.value())).isEmpty();
        assertThat(new String(event.value(), StandardCharsets.UTF_8)).doesNotContain("@example.test");
    }

    private static void assertCloudEvent(ConsumerRecord<String, byte[]> event, UUID tenant) {
        String type = header(event, "ce_type").orElseThrow();
        assertThat(header(event, "ce_specversion")).contains("1.0");
        assertThat(header(event, "ce_source")).contains("/cygnetci/tenant-service");
        assertThat(UUID.fromString(header(event, "ce_id").orElseThrow())).isNotNull();
        assertThat(header(event, "ce_subject")).isPresent();
        assertThat(header(event, "ce_time")).isPresent();
        assertThat(header(event, "ce_tenantid")).contains(tenant.toString());
        assertThat(header(event, "content-type")).contains("application/json");
        assertThat(event.key()).isEqualTo(tenant.toString());
        assertThat(EventSchemas.validate(type, event.value())).as(type).isEmpty();
    }

    private List<ConsumerRecord<String, byte[]>> ofTenant(UUID tenant) {
        return recorder.records(r -> tenant.toString().equals(header(r, "ce_tenantid").orElse(null)));
    }

    private Set<String> typesOf(UUID tenant) {
        return ofTenant(tenant).stream().map(r -> header(r, "ce_type").orElse("")).collect(Collectors.toSet());
    }
}
