package io.cygnetci.system.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HTTP exactly as an attacker or a careless client sends it: any method, any bytes, any content type, repeated
 * headers and a {@code Host} of its choosing (the JVM must allow it: {@code jdk.httpclient.allowRestrictedHeaders=host},
 * set by this module's build). Nothing is checked here; the tests judge the answers.
 */
public final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final String baseUrl;

    public RawHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Request request(String method, String pathAndQuery) {
        return new Request(method, pathAndQuery);
    }

    public record Response(int status, String contentType, String body, Map<String, List<String>> headers) {

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    public final class Request {

        private final String method;
        private final String pathAndQuery;
        private final List<String[]> headers = new ArrayList<>();
        private byte[] body;
        private boolean chunked;

        private Request(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        public Request header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        public Request bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        public Request body(String contentType, byte[] bytes) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            this.body = bytes;
            return this;
        }

        public Request json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** Sends the body without a {@code Content-Length}, as a stream of unknown size. */
        public Request chunked() {
            this.chunked = true;
            return this;
        }

        public Response send() {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                            : HttpRequest.BodyPublishers.ofByteArray(body);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                    .timeout(Duration.ofSeconds(60)).method(method, publisher);
            headers.forEach(h -> builder.header(h[0], h[1]));
            try {
                HttpResponse<String> response = CLIENT.send(builder.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null), response.body(),
                        response.headers().map());
            }
            catch (IOException ex) {
                throw new UncheckedIOException(method + " " + pathAndQuery, ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
