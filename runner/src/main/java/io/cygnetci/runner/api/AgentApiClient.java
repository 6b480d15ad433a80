package io.cygnetci.runner.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.runner.json.Json;
import io.cygnetci.runner.load.LoadProbe;

/** The agent side of agent-service's API: register and heartbeat. */
public final class AgentApiClient {

    public record Registered(UUID agentId, String credential, int heartbeatIntervalSeconds, boolean reregistered) {
    }

    public record HeartbeatAnswer(int nextIntervalSeconds, List<String> actions) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final URI server;
    private final String userAgent;

    public AgentApiClient(URI server, String version) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.server = server;
        this.userAgent = "cygnetci-runner/" + version;
    }

    public Registered register(String token, UUID uuid, String name, String hostname, List<String> labels,
            String location, String version) throws IOException, InterruptedException, ServerAnswer {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", uuid.toString());
        body.put("name", name);
        body.put("hostname", hostname);
        body.put("os", System.getProperty("os.name").toLowerCase());
        body.put("arch", System.getProperty("os.arch"));
        body.put("location", location);
        body.put("labels", labels);
        body.put("version", version);
        Map<String, Object> answer = post("/api/v1/agents/register", "Token " + token, body);
        return new Registered(UUID.fromString((String) answer.get("agent_id")), (String) answer.get("credential"),
                ((Number) answer.get("heartbeat_interval_seconds")).intValue(),
                Boolean.TRUE.equals(answer.get("reregistered")));
    }

    @SuppressWarnings("unchecked")
    public HeartbeatAnswer heartbeat(UUID agentId, String credential, LoadProbe.Load load, int runningJobs,
            String version) throws IOException, InterruptedException, ServerAnswer {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cpu_percent", load.cpuPercent());
        body.put("memory_percent", load.memoryPercent());
        body.put("disk_percent", load.diskPercent());
        body.put("running_jobs", runningJobs);
        body.put("version", version);
        Map<String, Object> answer = post("/api/v1/agents/" + agentId + "/heartbeat", "Bearer " + credential, body);
        List<Object> actions = (List<Object>) answer.getOrDefault("actions", List.of());
        return new HeartbeatAnswer(((Number) answer.get("next_interval_seconds")).intValue(),
                actions.stream().map(String::valueOf).toList());
    }

    private Map<String, Object> post(String path, String authorization, Map<String, Object> body)
            throws IOException, InterruptedException, ServerAnswer {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", authorization).header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return Json.parseObject(response.body());
        }
        throw new ServerAnswer(response.statusCode(), detail(response));
    }

    private static String detail(HttpResponse<String> response) {
        try {
            Object detail = Json.parseObject(response.body()).get("detail");
            if (detail != null) {
                return detail.toString();
            }
        }
        catch (IllegalArgumentException ex) {
            // not a problem+json body (a proxy's error page): the status says enough
        }
        return "HTTP " + response.statusCode();
    }
}
