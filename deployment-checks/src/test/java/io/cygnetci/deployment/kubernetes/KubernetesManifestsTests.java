package io.cygnetci.deployment.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cygnetci.deployment.ApplicationEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static io.cygnetci.deployment.kubernetes.Kustomize.list;
import static io.cygnetci.deployment.kubernetes.Kustomize.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every overlay of k8s/ renders, every object in it is a valid Kubernetes object, and the platform's policies hold:
 * probes, limits, non-root, read-only root file systems, Services that select a Deployment, images named after the
 * modules. Rendered by this module's own Kustomize subset, and by {@code kubectl kustomize} too where it is installed.
 */
class KubernetesManifestsTests {

    private static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();
    private static final Set<String> APPLICATIONS = Set.of("tenant-service", "agent-service", "pipeline-service",
            "release-service", "monitoring-service", "gateway", "runner");
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void whenAnOverlayIsRenderedThenEveryObjectIsAValidKubernetesObjectAndThePoliciesHold(String overlay)
            throws IOException {
        List<Map<String, Object>> objects = Kustomize.render(K8S.resolve("overlays").resolve(overlay));
        assertValidAndCompliant(objects, overlay);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void whenKubectlIsInstalledThenItRendersTheSameObjectsAndThoseAreValidToo(String overlay) throws Exception {
        assumeThat(onPath("kubectl")).as("kubectl on the PATH").isTrue();
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay)
                .toString()).redirectErrorStream(false).start();
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes());
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(err).isZero();
        List<Map<String, Object>> rendered = new ArrayList<>();
        try (var parser = YAML.createParser(out)) {
            for (var it = YAML.readValues(parser, Map.class); it.hasNext();) {
                rendered.add(it.next());
            }
        }
        assertValidAndCompliant(rendered, overlay);
        // the same objects as this module's renderer (Kustomize adds a content hash to generated ConfigMaps' names)
        assertThat(identities(rendered)).isEqualTo(identities(Kustomize.render(K8S.resolve("overlays")
                .resolve(overlay))));
    }

    @Test
    void whenAnObjectHasAnUnknownFieldAWrongTypeOrLacksARequiredOneThenTheModelsRefuseIt() throws IOException {
        Map<String, Object> service = Kustomize.read(K8S.resolve("base/gateway/service.yaml")).get(0);
        assertThat(KubernetesModels.problem(service)).isNull();

        map(service.get("spec")).put("replicas", 2);
        assertThat(KubernetesModels.problem(service)).contains("replicas");

        Map<String, Object> deployment = Kustomize.read(K8S.resolve("base/gateway/deployment.yaml")).get(0);
        map(deployment.get("spec")).put("revisionHistoryLimit", "five");
        assertThat(KubernetesModels.problem(deployment)).isNotNull();

        Map<String, Object> nested = Kustomize.read(K8S.resolve("base/gateway/deployment.yaml")).get(0);
        containers(nested).get(0).put("imagePulPolicy", "Always");
        assertThat(KubernetesModels.problem(nested)).contains("imagePulPolicy");

        Map<String, Object> noContainers = Kustomize.read(K8S.resolve("base/gateway/deployment.yaml")).get(0);
        map(map(map(noContainers.get("spec")).get("template")).get("spec")).remove("containers");
        assertThat(KubernetesModels.problem(noContainers)).contains("containers");
    }

    @Test
    void whenAContainerBreaksAPolicyThenTheChecksSayWhich() throws IOException {
        List<Map<String, Object>> objects = Kustomize.render(K8S.resolve("overlays/dev"));
        Map<String, Object> container = containers(deployments(objects).get(0)).get(0);
        container.remove("readinessProbe");
        map(container.get("securityContext")).put("readOnlyRootFilesystem", false);
        assertThat(policyViolations(objects)).anyMatch(v -> v.contains("readinessProbe"))
                .anyMatch(v -> v.contains("read-only root"));
    }

    private static void assertValidAndCompliant(List<Map<String, Object>> objects, String overlay) {
        assertThat(objects).isNotEmpty();
        for (Map<String, Object> object : objects) {
            assertThat(KubernetesModels.problem(object)).as(overlay + " " + identity(object)).isNull();
        }
        assertThat(policyViolations(objects)).as(overlay).isEmpty();
        assertThat(deployments(objects).stream().map(d -> name(d)).collect(Collectors.toSet()))
                .isEqualTo(APPLICATIONS);
        // every variable a generated ConfigMap gives an application is one the application reads
        for (Map<String, Object> object : objects) {
            String name = name(object);
            if ("ConfigMap".equals(object.get("kind")) && name.contains("-config")) {
                String app = name.substring(0, name.indexOf("-config"));
                assertThat(ApplicationEnvironment.readBy(app)).as(overlay + " " + name)
                        .containsAll(map(object.get("data")).keySet());
            }
        }
    }

    static List<String> policyViolations(List<Map<String, Object>> objects) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> deployment : deployments(objects)) {
            Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
            Map<String, Object> podSecurity = map(pod.get("securityContext"));
            for (Map<String, Object> container : containers(deployment)) {
                String where = name(deployment) + "/" + container.get("name");
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    if (container.get(probe) == null) {
                        violations.add(where + ": no " + probe);
                    }
                }
                Map<String, Object> resources = map(container.get("resources"));
                if (map(resources.get("limits")).get("memory") == null || map(resources.get("limits")).get("cpu") == null
                        || map(resources.get("requests")).get("memory") == null) {
                    violations.add(where + ": no memory and cpu limits and memory request");
                }
                Map<String, Object> security = map(container.get("securityContext"));
                if (!Boolean.TRUE.equals(security.getOrDefault("runAsNonRoot", podSecurity.get("runAsNonRoot")))) {
                    violations.add(where + ": may run as root");
                }
                if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
                    violations.add(where + ": no read-only root file system");
                }
                if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))
                        || !list(map(security.get("capabilities")).get("drop")).contains("ALL")) {
                    violations.add(where + ": privilege escalation or capabilities not dropped");
                }
                String image = (String) container.get("image");
                if (!image.startsWith("cygnetci/" + name(deployment) + ":")) {
                    violations.add(where + ": image " + image + " is not cygnetci/<module>");
                }
                if (map(container.get("lifecycle")).get("preStop") == null) {
                    violations.add(where + ": no preStop pause");
                }
            }
            if (!APPLICATIONS.contains(name(deployment))) {
                violations.add(name(deployment) + ": no module of that name");
            }
        }
        for (Map<String, Object> service : objects.stream().filter(o -> "Service".equals(o.get("kind"))).toList()) {
            Map<String, Object> selector = map(map(service.get("spec")).get("selector"));
            boolean selects = !selector.isEmpty() && deployments(objects).stream().anyMatch(d -> map(map(map(
                    d.get("spec")).get("template")).get("metadata")).get("labels") instanceof Map<?, ?> labels
                    && labels.entrySet().containsAll(selector.entrySet()));
            if (!selects) {
                violations.add("Service " + name(service) + " selects no Deployment's pods");
            }
        }
        return violations;
    }

    private static List<Map<String, Object>> deployments(List<Map<String, Object>> objects) {
        return objects.stream().filter(o -> "Deployment".equals(o.get("kind"))).toList();
    }

    private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return list(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers")).stream()
                .map(Kustomize::map).toList();
    }

    private static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    private static String identity(Map<String, Object> object) {
        return object.get("kind") + "/" + name(object);
    }

    private static Set<String> identities(List<Map<String, Object>> objects) {
        Set<String> ids = new TreeSet<>();
        for (Map<String, Object> object : objects) {
            String id = identity(object) + " in " + map(object.get("metadata")).get("namespace");
            ids.add("ConfigMap".equals(object.get("kind")) ? id.replaceAll("-[a-z0-9]{10} in", " in") : id);
        }
        return ids;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
