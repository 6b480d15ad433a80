package io.cygnetci.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Calls through the local platform's gateway as the demo users make them; every call states the status it expects. */
public final class GatewayClient {

    public static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A demo user's access token. */
    public String login(String email) {
        return login(email, "cygnetci-demo");
    }

    public String login(String email, String password) {
        return call("POST", "/api/v1/auth/token", null, Map.of("email", email, "password", password), 200)
                .get("access_token").asString();
    }

    public JsonNode call(String method, String path, String token, Object body, int expected) {
        return call(method, path, token, body, Set.of(expected));
    }

    /** The answer's body as JSON ({@code null} when empty), after checking its status is one of those expected. */
    public JsonNode call(String method, String path, String token, Object body, Set<Integer> expected) {
        return callWithAuthorization(method, path, token == null ? null : "Bearer " + token, body, expected);
    }

    public JsonNode callWithAuthorization(String method, String path, String authorization, Object body,
            Set<Integer> expected) {
        String answer = exchange(method, path, authorization, body, expected);
        return answer.isEmpty() ? null : JSON.readTree(answer);
    }

    public String send(String method, String path, String token, Object body, int expected) {
        return exchange(method, path, token == null ? null : "Bearer " + token, body, Set.of(expected));
    }

    private String exchange(String method, String path, String authorization, Object body, Set<Integer> expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(LocalPlatform.GATEWAY + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isIn(expected);
            return response.body();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The execution once it has ended. */
    public JsonNode awaitExecutionEnd(String token, String execution) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> !Set.of("queued", "running")
                .contains(call("GET", "/api/v1/executions/" + execution, token, null, 200).get("status").asString()));
        return call("GET", "/api/v1/executions/" + execution, token, null, 200);
    }

    public String pipelineId(String token, String name) {
        for (JsonNode item : call("GET", "/api/v1/pipelines?limit=200", token, null, 200).get("items")) {
            if (item.get("name").asString().equals(name)) {
                return item.get("id").asString();
            }
        }
        throw new AssertionError("no pipeline named " + name);
    }

    public String log(String token, String execution, int step) {
        return send("GET", "/api/v1/executions/" + execution + "/steps/" + step + "/log", token, null, 200);
    }
}
