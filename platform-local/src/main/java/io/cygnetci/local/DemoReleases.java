package io.cygnetci.local;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A demo release per demo tenant, "v2.0 Release Pipeline" of its two demo pipelines, created through the gateway by
 * the tenant's admin (who therefore cannot approve its Production deployment: another member does). Idempotent: a
 * release that exists (by name and version) is left as it is.
 */
final class DemoReleases {

    private static final Logger log = LoggerFactory.getLogger(DemoReleases.class);

    static final String NAME = "v2.0 Release Pipeline";
    static final String VERSION = "2.0.0";

    private final GatewayCalls calls;

    DemoReleases(String gatewayUrl) {
        this.calls = new GatewayCalls(gatewayUrl);
    }

    void seed() throws IOException, InterruptedException {
        for (DemoRunners.DemoRunner tenant : DemoRunners.RUNNERS) {
            String admin = calls.login(tenant.adminEmail());
            JsonNode found = calls.callWhenKnown("GET", "/api/v1/releases?q=" + VERSION, admin, null);
            boolean exists = false;
            for (JsonNode item : found.get("items")) {
                exists |= NAME.equals(item.get("name").asString()) && VERSION.equals(item.get("version").asString());
            }
            if (!exists) {
                // release-service learns of the pipelines by event: until then it answers 404, and the call retries
                calls.callWhenKnown("POST", "/api/v1/releases", admin, release(pipelineIds(admin)));
            }
        }
        log.info("Demo releases ready: one per tenant");
    }

    private List<String> pipelineIds(String token) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (String name : List.of(DemoPipelines.BUILD_API, DemoPipelines.BUILD_WEB)) {
            JsonNode found = calls.callWhenKnown("GET", "/api/v1/pipelines?q="
                    + URLEncoder.encode(name, StandardCharsets.UTF_8), token, null);
            for (JsonNode item : found.get("items")) {
                if (name.equals(item.get("name").asString())) {
                    ids.add(item.get("id").asString());
                }
            }
        }
        return ids;
    }

    private static Map<String, Object> release(List<String> pipelineIds) {
        return Map.of("name", NAME, "version", VERSION,
                "notes", "API v2 with the new billing endpoints; web app redesign.",
                "pipeline_ids", pipelineIds,
                "artifacts", List.of(
                        Map.of("name", "api-service-2.0.0.tar.gz",
                                "uri", "https://artifacts.example.com/api-service/2.0.0/api-service-2.0.0.tar.gz",
                                "sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                        Map.of("name", "web-app-2.0.0.zip",
                                "uri", "https://artifacts.example.com/web-app/2.0.0/web-app-2.0.0.zip",
                                "sha256", "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752")));
    }
}
