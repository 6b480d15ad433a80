package io.cygnetci.pipeline.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.pipeline.support.PipelineApi;
import io.cygnetci.pipeline.support.PipelineApi.TestAgent;
import io.cygnetci.pipeline.support.PipelineServiceTest;
import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.cygnetci.pipeline.support.PipelineApi.pipeline;
import static io.cygnetci.pipeline.support.PipelineApi.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Release deployments as release-service starts and ends them on {@code cygnetci.releases.v1}. */
class DeploymentExecutionsIntegrationTests extends PipelineServiceTest {

    @Test
    void whenADeploymentStartsThenEachPipelineIsQueuedOnceForTheEnvironmentEvenIfTheEventComesTwice() {
        UUID tenant = api.tenant();
        UUID build = api.pipelineId(tenant, pipeline("Build", List.of(step("b", "make"))));
        Map<String, Object> deploy = pipeline("Deploy", List.of(step("d", "./deploy.sh")));
        deploy.put("parameters", List.of(Map.of("name", "REGION", "default", "eu-west-1")));
        UUID deployPipeline = api.pipelineId(tenant, deploy);
        UUID deployment = UUID.randomUUID();
        UUID environment = UUID.randomUUID();
        UUID event = UUID.randomUUID();

        PipelineApi.publishDeployment(event, "started", tenant, deployment, environment, "Staging",
                List.of(build, deployPipeline));
        PipelineApi.publishDeployment(event, "started", tenant, deployment, environment, "Staging",
                List.of(build, deployPipeline));
        PipelineApi.publishTenant(UUID.randomUUID(), "created", true, 10, 10); // a later record: the two were read
        await().atMost(PipelineApi.PATIENCE).until(() -> ofDeployment(deployment) == 2);
        await().during(Duration.ofSeconds(2)).atMost(PipelineApi.PATIENCE).until(() -> ofDeployment(deployment) == 2);

        JsonNode list = PipelineApi.body(client.get().uri("/api/v1/executions?limit=10")
                .headers(PipelineApi.bearer(PipelineApi.user(tenant, "viewer"))).exchange().expectStatus().isOk());
        assertThat(list.get("items")).hasSize(2);
        for (JsonNode item : list.get("items")) {
            JsonNode execution = api.execution(tenant, java.util.UUID.fromString(item.get("id").asString()));
            assertThat(execution.get("deployment_id").asString()).isEqualTo(deployment.toString());
            assertThat(execution.get("environment_id").asString()).isEqualTo(environment.toString());
            assertThat(execution.get("parameters").get("CYGNETCI_ENVIRONMENT").asString()).isEqualTo("Staging");
        }
        assertThat(list.toString()).contains("eu-west-1");
    }

    @Test
    void whenAPipelineOfTheDeploymentCannotStartThenNoneIsQueuedAndEachThatCannotIsReported() throws Exception {
        UUID tenant = api.tenant();
        UUID fine = api.pipelineId(tenant, pipeline("Fine", List.of(step("a", "true"))));
        Map<String, Object> needy = pipeline("Needy", List.of(step("a", "true")));
        needy.put("parameters", List.of(Map.of("name", "TICKET", "required", true)));
        UUID needsInput = api.pipelineId(tenant, needy);
        UUID deleted = UUID.randomUUID();
        UUID deployment = UUID.randomUUID();
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(),
                "cygnetci.pipeline-executions.v1")) {
            PipelineApi.publishDeployment(UUID.randomUUID(), "started", tenant, deployment, UUID.randomUUID(), "QA",
                    List.of(fine, needsInput, deleted));

            await().atMost(PipelineApi.PATIENCE).until(() -> PipelineApi.events(events,
                    "io.cygnetci.execution.not-started.v1", tenant).size() == 2);
            List<ConsumerRecord<String, byte[]>> reports = PipelineApi.events(events,
                    "io.cygnetci.execution.not-started.v1", tenant);
            String all = reports.stream().map(r -> new String(r.value())).toList().toString();
            assertThat(all).contains("parameters_invalid").contains("parameters.TICKET is required")
                    .contains("pipeline_deleted").contains(deployment.toString()).doesNotContain("\"" + fine + "\"");
            for (ConsumerRecord<String, byte[]> report : reports) {
                assertThat(TopicRecorder.header(report, "ce_tenantid")).contains(tenant.toString());
                assertThat(EventSchemas.validate("io.cygnetci.execution.not-started.v1", report.value())).isEmpty();
            }
        }
        assertThat(ofDeployment(deployment)).isZero();
    }

    @Test
    void whenTheDeploymentIsCancelledThenItsQueuedExecutionsAreCancelledAndRunningOnesAreAskedToStop() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant, "linux");
        UUID first = api.pipelineId(tenant, pipeline("First", List.of(step("a", "sleep 60"))));
        UUID second = api.pipelineId(tenant, pipeline("Second", List.of(step("a", "sleep 60"))));
        UUID deployment = UUID.randomUUID();
        PipelineApi.publishDeployment(UUID.randomUUID(), "started", tenant, deployment, UUID.randomUUID(), "Dev",
                List.of(first, second));
        await().atMost(PipelineApi.PATIENCE).until(() -> ofDeployment(deployment) == 2);
        JsonNode running = api.claim(agent);
        UUID runningId = UUID.fromString(running.get("job_id").asString());
        api.startStep(agent, runningId, 0).expectStatus().is2xxSuccessful();

        PipelineApi.publishDeployment(UUID.randomUUID(), "cancelled", tenant, deployment, UUID.randomUUID(), "Dev",
                List.of(first, second));

        await().atMost(PipelineApi.PATIENCE).until(() -> api.count("select count(*) from executions where "
                + "deployment_id = '" + deployment + "' and status = 'cancelled' and reason = 'deployment_cancelled'")
                == 1);
        await().atMost(PipelineApi.PATIENCE).until(() -> api.count("select count(*) from executions where id = '"
                + runningId + "' and status = 'running' and cancel_requested_at is not null") == 1);
    }

    private long ofDeployment(UUID deployment) {
        return api.count("select count(*) from executions where deployment_id = '" + deployment + "'");
    }
}
