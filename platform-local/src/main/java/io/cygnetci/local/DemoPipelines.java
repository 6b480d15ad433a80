package io.cygnetci.local;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The demo pipelines of each demo tenant, created through the gateway by the tenant's admin. Their steps are plain
 * shell that runs on any Linux machine, so the demo runners really run them. Idempotent: a pipeline that exists
 * (by name) is left as it is.
 */
final class DemoPipelines {

    private static final Logger log = LoggerFactory.getLogger(DemoPipelines.class);

    static final String BUILD_API = "Build API Service";
    static final String BUILD_WEB = "Build Web App";

    private final GatewayCalls calls;

    DemoPipelines(String gatewayUrl) {
        this.calls = new GatewayCalls(gatewayUrl);
    }

    void seed() throws IOException, InterruptedException {
        for (DemoRunners.DemoRunner tenant : DemoRunners.RUNNERS) {
            String admin = calls.login(tenant.adminEmail());
            for (Map<String, Object> pipeline : List.of(buildApi(), buildWeb())) {
                String name = (String) pipeline.get("name");
                JsonNode found = calls.callWhenKnown("GET", "/api/v1/pipelines?q="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8), admin, null);
                boolean exists = false;
                for (JsonNode item : found.get("items")) {
                    exists |= name.equals(item.get("name").asString());
                }
                if (!exists) {
                    calls.callWhenKnown("POST", "/api/v1/pipelines", admin, pipeline);
                }
            }
        }
        log.info("Demo pipelines ready: {} per tenant", 2);
    }

    /**
     * Build → Test → Package → Deploy, with a secret the log masks. Run by a release deployment, it deploys to the
     * deployment's environment ({@code CYGNETCI_ENVIRONMENT}); triggered by hand, to {@code TARGET_ENV}.
     */
    static Map<String, Object> buildApi() {
        return Map.of("name", BUILD_API,
                "description", "Builds, tests and packages the API service, then deploys it",
                "repository", "https://git.example.com/demo/api-service.git", "ref", "main",
                "agent_labels", List.of("linux"),
                "parameters", List.of(
                        Map.of("name", "TARGET_ENV", "default", "staging", "required", true),
                        Map.of("name", "DEPLOY_TOKEN", "default", "demo-deploy-token-0001", "secret", true)),
                "steps", List.of(
                        step("Build", """
                                echo "Compiling api-service ($CYGNETCI_REF) for ${CYGNETCI_ENVIRONMENT:-$TARGET_ENV}"
                                mkdir -p build
                                for module in core persistence web; do echo "  compiling $module"; sleep 1; done
                                echo "api-service 1.0.$CYGNETCI_EXECUTION_NUMBER" > build/VERSION""", 120, false),
                        step("Test", """
                                echo "Running unit tests"
                                for suite in core persistence web; do echo "  $suite: 14 passed"; sleep 1; done
                                echo "42 tests, 0 failures\"""", 300, false),
                        step("Package", """
                                tar czf build/api-service.tar.gz build/VERSION
                                ls -l build""", 120, false),
                        step("Deploy", """
                                echo "Deploying $(cat build/VERSION) to ${CYGNETCI_ENVIRONMENT:-$TARGET_ENV} with token $DEPLOY_TOKEN"
                                sleep 1
                                echo "Deployed\"""", 300, false)));
    }

    /** A lint step that fails without failing the build (continue_on_error). */
    static Map<String, Object> buildWeb() {
        return Map.of("name", BUILD_WEB,
                "description", "Lints, builds and publishes the web front end",
                "repository", "https://git.example.com/demo/web-app.git", "ref", "main",
                "agent_labels", List.of("linux"),
                "steps", List.of(
                        step("Install", "echo 'installing 312 packages'; sleep 1; echo 'done'", 120, false),
                        step("Lint", "echo 'src/app.ts:12 unused variable'; echo '1 warning'; exit 1", 60, true),
                        step("Build", "mkdir -p dist && echo '<html>demo</html>' > dist/index.html && ls dist",
                                120, false),
                        step("Publish", "echo \"publishing dist to the CDN\"; sleep 1; echo 'published'", 120,
                                false)));
    }

    private static Map<String, Object> step(String name, String command, int timeoutSeconds,
            boolean continueOnError) {
        return Map.of("name", name, "command", command, "timeout_seconds", timeoutSeconds, "continue_on_error",
                continueOnError);
    }
}
