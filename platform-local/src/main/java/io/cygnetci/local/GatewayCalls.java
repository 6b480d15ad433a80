package io.cygnetci.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo set-up's calls through the gateway, as the demo users make them. */
final class GatewayCalls {

    /** The gateway and services learn of new tenants by event: right after seeding they may not know them yet. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String gateway;

    GatewayCalls(String gatewayUrl) {
        this.gateway = gatewayUrl;
    }

    String login(String email) throws IOException, InterruptedException {
        return call("POST", "/api/v1/auth/token", null, Map.of("email", email, "password", DemoSeeder.DEMO_PASSWORD))
                .get("access_token").asString();
    }

    /** A call that succeeds once the platform has caught up with the demo tenants: retried for a while. */
    JsonNode callWhenKnown(String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            try {
                return call(method, path, token, body);
            }
            catch (IllegalStateException ex) {
                if (System.nanoTime() > deadline) {
                    throw ex;
                }
                Thread.sleep(500);
            }
        }
    }

    JsonNode call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body().length == 0 ? null : json.readTree(response.body());
    }
}
