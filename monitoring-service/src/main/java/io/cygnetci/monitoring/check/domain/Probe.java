package io.cygnetci.monitoring.check.domain;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.TcpClient;

import org.springframework.stereotype.Component;

/**
 * Runs one check against its target: vets the target's addresses ({@link TargetGuard}), then connects to the vetted
 * address only, on a fresh connection, without following redirects, reading at most 64 KiB of a body.
 */
@Component
public class Probe {

    private static final int BODY_LIMIT = 64 * 1024;
    private static final String USER_AGENT = "CygnetCI-HealthCheck/1.0";

    private final TargetGuard guard;

    public Probe(TargetGuard guard) {
        this.guard = guard;
    }

    /** The outcome: never an error (a failure is a {@code down} outcome with its reason). */
    public Mono<Outcome> run(HealthCheck check) {
        Duration timeout = Duration.ofMillis(check.timeoutMs());
        return guard.vet(check.targetHost())
                .flatMap(address -> {
                    long started = System.nanoTime();
                    Mono<String> attempt = HealthCheck.HTTP.equals(check.kind()) ? http(check, address, timeout)
                            : tcp(check, address, timeout);
                    return attempt.timeout(timeout).map(error -> {
                        int ms = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
                        if (!error.isEmpty()) {
                            return new Outcome(HealthCheck.DOWN, ms, error);
                        }
                        return ms > check.warningThresholdMs()
                                ? new Outcome(HealthCheck.WARNING, ms, "slow response (" + ms + " ms)")
                                : new Outcome(HealthCheck.HEALTHY, ms, null);
                    });
                })
                .onErrorResume(ex -> Mono.just(new Outcome(HealthCheck.DOWN, null, reason(ex, check))));
    }

    /** Answers "" when the response is as expected, else what was wrong with it. */
    private Mono<String> http(HealthCheck check, InetAddress address, Duration timeout) {
        InetSocketAddress remote = new InetSocketAddress(vettedWithName(check.targetHost(), address),
                check.targetPort());
        boolean secure = "https".equalsIgnoreCase(check.url().getScheme());
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
                .remoteAddress(() -> remote)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, check.timeoutMs())
                .responseTimeout(timeout)
                .followRedirect(false)
                .headers(h -> h.set(HttpHeaderNames.HOST, hostHeader(check)).set(HttpHeaderNames.USER_AGENT,
                        USER_AGENT));
        if (secure) {
            client = client.secure();
        }
        String path = check.url().getRawPath() == null || check.url().getRawPath().isEmpty() ? "/"
                : check.url().getRawPath();
        String uri = path + (check.url().getRawQuery() == null ? "" : "?" + check.url().getRawQuery());
        return client.get().uri(uri).response((response, content) -> {
            int status = response.status().code();
            if (status != check.expectedStatus()) {
                return Mono.just("expected HTTP " + check.expectedStatus() + ", got " + status);
            }
            if (check.bodyContains() == null || check.bodyContains().isEmpty()) {
                return Mono.just("");
            }
            AtomicInteger read = new AtomicInteger();
            return content.asString(StandardCharsets.UTF_8)
                    .takeUntil(chunk -> read.addAndGet(chunk.length()) >= BODY_LIMIT)
                    .collect(Collectors.joining())
                    .map(text -> text.contains(check.bodyContains()) ? ""
                            : "the response does not contain \"" + check.bodyContains() + "\"");
        }).next();
    }

    private Mono<String> tcp(HealthCheck check, InetAddress address, Duration timeout) {
        InetSocketAddress remote = new InetSocketAddress(address, check.targetPort());
        return TcpClient.create(ConnectionProvider.newConnection())
                .remoteAddress(() -> remote)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, check.timeoutMs())
                .connect()
                .flatMap(connection -> {
                    connection.dispose();
                    return connection.onDispose().thenReturn("");
                });
    }

    /** The vetted address carrying the host name too: TLS sends the name (SNI) while the connection goes to the address. */
    private static InetAddress vettedWithName(String host, InetAddress address) {
        try {
            return InetAddress.getByAddress(host, address.getAddress());
        }
        catch (UnknownHostException ex) {
            return address;
        }
    }

    private static String hostHeader(HealthCheck check) {
        int port = check.url().getPort();
        return check.url().getHost() + (port == -1 ? "" : ":" + port);
    }

    private static String reason(Throwable ex, HealthCheck check) {
        if (ex instanceof TargetRefusedException) {
            return "refused: " + ex.getMessage();
        }
        if (ex instanceof TimeoutException || ex instanceof ReadTimeoutException
                || ex instanceof ConnectTimeoutException
                || ex.getClass().getSimpleName().contains("Timeout")) {
            return "timed out after " + check.timeoutMs() + " ms";
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException || String.valueOf(root.getMessage()).contains("Connection refused")) {
            return "connection refused";
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    /** @param responseMs null when no response came */
    public record Outcome(String status, Integer responseMs, String error) {
    }
}
