package io.cygnetci.deployment.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.cygnetci.deployment.ApplicationEnvironment;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml: it parses in a form docker-compose 1.29 understands, every container has a health check and a
 * memory limit, every dependency names a defined service and waits for it to be healthy, volumes are declared, no
 * secret is written in it, and each application gets exactly variables it reads, including those it needs.
 */
class DockerComposeTests {

    private static final Path COMPOSE = ApplicationEnvironment.ROOT.resolve("docker-compose.yml");
    private static final Set<String> APPLICATIONS = Set.of("tenant-service", "agent-service", "pipeline-service",
            "release-service", "monitoring-service", "gateway", "runner");
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    @Test
    void whenTheFileIsReadThenItIsAVersion2FileWithoutNewerSyntax() throws IOException {
        Map<String, Object> compose = compose();
        assertThat(compose.get("version")).isEqualTo("2.4");
        assertThat(compose).doesNotContainKey("name");
        assertThat(services().keySet()).containsAll(APPLICATIONS)
                .contains("kafka", "postgres", "redis", "prometheus", "grafana");
        for (var service : services().entrySet()) {
            for (Object dependency : map(service.getValue().get("depends_on")).values()) {
                assertThat(map(dependency)).as(service.getKey()).doesNotContainKey("required");
            }
        }
    }

    @Test
    void whenAContainerIsDefinedThenItHasAHealthCheckAMemoryLimitAndHealthyDependencies() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Set<String> volumes = map(compose().get("volumes")).keySet();
        for (var entry : services.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> service = entry.getValue();
            assertThat(map(service.get("healthcheck")).get("test")).as(name + " health check").isNotNull();
            assertThat(service.get("mem_limit")).as(name + " memory limit").isNotNull();
            for (var dependency : map(service.get("depends_on")).entrySet()) {
                assertThat(services).as(name + " depends on " + dependency.getKey()).containsKey(dependency.getKey());
                assertThat(map(dependency.getValue()).get("condition")).isEqualTo("service_healthy");
            }
            for (Object volume : list(service.get("volumes"))) {
                String source = ((String) volume).split(":")[0];
                if (!source.startsWith(".")) {
                    assertThat(volumes).as(name + " volume " + source).contains(source);
                }
                else {
                    assertThat(ApplicationEnvironment.ROOT.resolve(source)).as(name + " mounts " + source).exists();
                }
            }
        }
    }

    @Test
    void whenAnApplicationIsConfiguredThenEveryVariableIsOneItReadsAndNoneItNeedsIsMissing() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String app : APPLICATIONS) {
            Map<String, Object> environment = map(services().get(app).get("environment"));
            Set<String> unread = new TreeSet<>(environment.keySet());
            unread.removeAll(ApplicationEnvironment.readBy(app));
            if (!unread.isEmpty()) {
                problems.add(app + " is given variables it does not read: " + unread);
            }
            Set<String> missing = new TreeSet<>(ApplicationEnvironment.requiredBy(app));
            missing.removeAll(environment.keySet());
            if (!missing.isEmpty()) {
                problems.add(app + " lacks variables it needs: " + missing);
            }
            assertThat((String) services().get(app).get("image")).startsWith("cygnetci/" + app + ":");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void whenASecretIsNeededThenItComesFromTheEnvironmentFileNotFromTheComposeFile() throws IOException {
        for (var entry : services().entrySet()) {
            for (var variable : map(entry.getValue().get("environment")).entrySet()) {
                if (variable.getKey().matches(".*(PASSWORD|TOKEN|PRIVATE_KEY)$")) {
                    assertThat(String.valueOf(variable.getValue())).as(entry.getKey() + " " + variable.getKey())
                            .startsWith("${");
                }
            }
        }
        assertThat(Files.readString(ApplicationEnvironment.ROOT.resolve(".gitignore")).lines()).contains(".env");
        assertThat(ApplicationEnvironment.ROOT.resolve(".env.example")).exists();
    }

    @Test
    void whenAVariableIsMisspelledThenTheEnvironmentCheckFindsIt() {
        Set<String> read = ApplicationEnvironment.readBy("release-service");
        assertThat(read).contains("DB_R2DBC_URL", "KAFKA_BOOTSTRAP_SERVERS", "TENANT_SERVICE_URI")
                .doesNotContain("DB_R2DBC_URI", "REDIS_HOST");
        assertThat(ApplicationEnvironment.readBy("runner")).contains("CYGNETCI_SERVER_URL",
                "CYGNETCI_REGISTRATION_TOKEN", "CYGNETCI_RUNNER_WORK_DIR");
    }

    private static Map<String, Object> compose() throws IOException {
        return YAML.readValue(COMPOSE.toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
