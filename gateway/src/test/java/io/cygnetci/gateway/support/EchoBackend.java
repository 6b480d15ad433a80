package io.cygnetci.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP service for the gateway to route to: it answers every request with what it received (method, path,
 * each header's values) and counts calls per path; paths containing {@code flaky} answer 500, paths containing
 * {@code slow} answer after 300 ms, and a request with {@code X-Echo-Delay-Ms} after that long (a long poll).
 */
public final class EchoBackend implements AutoCloseable {

    private final DisposableServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    public EchoBackend() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    calls.computeIfAbsent(request.method().name() + " " + request.fullPath(), k -> new AtomicInteger())
                            .incrementAndGet();
                    if (request.uri().contains("flaky")) {
                        return response.status(500).send();
                    }
                    Map<String, Object> echo = new LinkedHashMap<>();
                    echo.put("method", request.method().name());
                    echo.put("path", request.uri());
                    Map<String, Object> headers = new LinkedHashMap<>();
                    request.requestHeaders().names().forEach(name ->
                            headers.put(name.toLowerCase(), request.requestHeaders().getAll(name)));
                    echo.put("headers", headers);
                    Mono<Void> answer = request.receive().then().then(response.header("Content-Type", "application/json")
                            .sendString(Mono.just(json.writeValueAsString(echo))).then());
                    String delay = request.requestHeaders().get("X-Echo-Delay-Ms");
                    if (delay != null) {
                        return Mono.delay(java.time.Duration.ofMillis(Long.parseLong(delay))).then(answer);
                    }
                    return request.uri().contains("slow")
                            ? Mono.delay(java.time.Duration.ofMillis(300)).then(answer) : answer;
                })
                .bindNow();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    public int calls(String methodAndPath) {
        AtomicInteger count = calls.get(methodAndPath);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
