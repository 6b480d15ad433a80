package io.cygnetci.runner;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.cygnetci.runner.json.Json;

/**
 * A stand-in for the platform in the runner's unit tests: answers agent-service's register and heartbeat and
 * pipeline-service's job calls as the protocol says, keeps each step's log by offset, records every call, and can
 * be told to misbehave (fail calls, lose log bytes, cancel, drop the job).
 */
public final class FakeServer implements AutoCloseable {

    /** A call as it arrived. */
    public record Call(String method, String path, String query, byte[] body, String authorization) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Map<String, Object> json() {
            return Json.parseObject(text());
        }
    }

    private static final Pattern STEP = Pattern.compile("/api/v1/jobs/([^/]+)/steps/(\\d+)/(start|log|result)");
    private static final Pattern JOB = Pattern.compile("/api/v1/jobs/([^/]+)(/finish)?");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Map<String, Object>> offers = new LinkedBlockingQueue<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> logs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> results = new ConcurrentHashMap<>();
    private final Map<String, String> finished = new ConcurrentHashMap<>();
    private final List<Long> runningJobsReported = new CopyOnWriteArrayList<>();

    /** The credential the job calls and heartbeats accept; anything else gets 401. */
    public volatile String credential = "credential-1";
    public volatile List<String> heartbeatActions = List.of();
    public volatile int heartbeatIntervalSeconds = 1;
    /** How long a job request is held open when there is no job. */
    public volatile long holdMillis = 100;
    public volatile boolean cancelRequested;
    /** The job's status the server gives; null: the job is unknown (404). */
    public volatile String jobStatus = "running";
    /** The server keeps this much of a step's log, then reports it truncated. */
    public volatile int logCap = Integer.MAX_VALUE;
    /** This many log uploads are taken, but answered 502, as if the answer got lost on its way. */
    public volatile int logAnswersToLose;

    private record Failure(Pattern path, int status, int[] times) {
    }

    private FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeServer start() throws IOException {
        return new FakeServer();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    public void offer(Map<String, Object> job) {
        offers.add(job);
    }

    /** The next {@code times} calls to a path matching {@code pathRegex} are answered {@code status}. */
    public void fail(String pathRegex, int status, int times) {
        failures.add(new Failure(Pattern.compile(pathRegex), status, new int[] { times }));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String pathRegex) {
        return calls.stream().filter(c -> c.path().matches(pathRegex)).toList();
    }

    public byte[] log(UUID job, int step) {
        return logs.getOrDefault(job + "/" + step, new byte[0]);
    }

    public String logText(UUID job, int step) {
        return new String(log(job, step), StandardCharsets.UTF_8);
    }

    /** The server has these bytes of a step's log already. */
    public void seedLog(UUID job, int step, byte[] bytes) {
        logs.put(job + "/" + step, bytes.clone());
    }

    /** The server forgets all but the first {@code keep} bytes of a step's log (as if a write was lost). */
    public void forgetLog(UUID job, int step, int keep) {
        logs.computeIfPresent(job + "/" + step, (k, bytes) -> Arrays.copyOf(bytes, Math.min(keep, bytes.length)));
    }

    /** The result reported for a step: its {@code status} and {@code exit_code}, or null. */
    public Map<String, Object> result(UUID job, int step) {
        return results.get(job + "/" + step);
    }

    public String finished(UUID job) {
        return finished.get(job.toString());
    }

    public List<Long> runningJobsReported() {
        return List.copyOf(runningJobsReported);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            Call call = new Call(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(), body,
                    exchange.getRequestHeaders().getFirst("Authorization"));
            calls.add(call);
            for (Failure failure : failures) {
                synchronized (failure) {
                    if (failure.times()[0] > 0 && failure.path().matcher(path).matches()) {
                        failure.times()[0]--;
                        problem(exchange, failure.status(), "told to fail", Map.of());
                        return;
                    }
                }
            }
            if (path.equals("/api/v1/agents/register")) {
                json(exchange, 200, Map.of("agent_id", UUID.randomUUID().toString(), "credential", credential,
                        "heartbeat_interval_seconds", heartbeatIntervalSeconds, "reregistered", false));
                return;
            }
            if (!("Bearer " + credential).equals(call.authorization())) {
                problem(exchange, 401, "The credential is not accepted.", Map.of());
                return;
            }
            if (path.matches("/api/v1/agents/[^/]+/heartbeat")) {
                runningJobsReported.add(((Number) call.json().get("running_jobs")).longValue());
                json(exchange, 200, Map.of("next_interval_seconds", heartbeatIntervalSeconds, "actions",
                        heartbeatActions));
            }
            else if (path.equals("/api/v1/jobs/request")) {
                Map<String, Object> job = offers.poll(holdMillis, TimeUnit.MILLISECONDS);
                if (job == null) {
                    exchange.sendResponseHeaders(204, -1);
                }
                else {
                    json(exchange, 200, job);
                }
            }
            else if (STEP.matcher(path).matches()) {
                step(exchange, call, STEP.matcher(path));
            }
            else if (JOB.matcher(path).matches()) {
                job(exchange, call, JOB.matcher(path));
            }
            else {
                problem(exchange, 404, "No such endpoint.", Map.of());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(HttpExchange exchange, Call call, Matcher m) throws IOException {
        m.matches();
        String key = m.group(1) + "/" + m.group(2);
        if (jobStatus == null) {
            problem(exchange, 404, "No such job.", Map.of());
            return;
        }
        switch (m.group(3)) {
            case "start" -> json(exchange, 200, Map.of("cancel_requested", cancelRequested));
            case "log" -> {
                long offset = Long.parseLong(call.query().replace("offset=", ""));
                byte[] log = logs.getOrDefault(key, new byte[0]);
                if (offset + call.body().length == log.length && offset <= log.length) {
                    json(exchange, 202, logAnswer(log.length));
                    return;
                }
                if (offset != log.length) {
                    exchange.getResponseHeaders().add("Range", "0-" + log.length);
                    problem(exchange, 416, "The log is at " + log.length + ".", Map.of("expected_offset", log.length));
                    return;
                }
                byte[] longer = Arrays.copyOf(log, log.length + call.body().length);
                System.arraycopy(call.body(), 0, longer, log.length, call.body().length);
                logs.put(key, longer);
                if (logAnswersToLose > 0) {
                    logAnswersToLose--;
                    problem(exchange, 502, "The answer got lost.", Map.of());
                    return;
                }
                json(exchange, 202, logAnswer(longer.length));
            }
            default -> {
                Map<String, Object> result = call.json();
                Map<String, Object> before = results.putIfAbsent(key, result);
                if (before != null && !before.equals(result)) {
                    problem(exchange, 409, "The step already has another result.", Map.of());
                    return;
                }
                json(exchange, 200, Map.of("cancel_requested", cancelRequested));
            }
        }
    }

    private Map<String, Object> logAnswer(long nextOffset) {
        return Map.of("next_offset", nextOffset, "cancel_requested", cancelRequested, "truncated",
                nextOffset > logCap);
    }

    private void job(HttpExchange exchange, Call call, Matcher m) throws IOException {
        m.matches();
        if (jobStatus == null) {
            problem(exchange, 404, "No such job.", Map.of());
            return;
        }
        if (m.group(2) == null) {
            json(exchange, 200, Map.of("status", jobStatus, "cancel_requested", cancelRequested));
            return;
        }
        String status = (String) call.json().get("status");
        String before = finished.putIfAbsent(m.group(1), status);
        if (before != null && !before.equals(status)) {
            problem(exchange, 409, "The job already ended otherwise.", Map.of());
            return;
        }
        json(exchange, 200, Map.of("id", m.group(1), "status", status));
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void problem(HttpExchange exchange, int status, String detail, Map<String, Object> extensions)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>(extensions);
        body.put("status", status);
        body.put("detail", detail);
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
