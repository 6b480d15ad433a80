package io.cygnetci.runner.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.cygnetci.runner.job.Job;
import io.cygnetci.runner.job.JobStatus;
import io.cygnetci.runner.job.StepStatus;
import io.cygnetci.runner.json.Json;

/**
 * The agent side of pipeline-service's job API: ask for a job, then report its steps' starts, output and results,
 * and the job's end. Every call carries the agent's credential; error answers are thrown as {@link ServerAnswer}.
 */
public final class JobApiClient {

    /** How long the server may hold a job request open: the most the protocol allows. */
    public static final int WAIT_SECONDS = 30;

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** What the server said to a piece of a step's output. */
    public record LogAccepted(long nextOffset, boolean cancelRequested, boolean truncated) {
    }

    /** The job as the server sees it. */
    public record JobState(String status, boolean cancelRequested) {

        public boolean running() {
            return "running".equals(status);
        }
    }

    /** 416: the server holds a different part of the step's output than the runner thought. */
    public static final class OffsetMismatch extends ServerAnswer {

        private final long expectedOffset;

        public OffsetMismatch(long expectedOffset, String detail) {
            super(416, detail);
            this.expectedOffset = expectedOffset;
        }

        /** How many bytes of the step's output the server has. */
        public long expectedOffset() {
            return expectedOffset;
        }
    }

    /** A job request the server is holding open; it can be given up on. */
    public static final class PendingJob {

        private final CompletableFuture<HttpResponse<String>> response;
        private volatile boolean cancelled;

        private PendingJob(CompletableFuture<HttpResponse<String>> response) {
            this.response = response;
        }

        /**
         * The job, or empty when the server has none for this agent now.
         *
         * @throws java.util.concurrent.CancellationException when given up on
         */
        public Optional<Job> await() throws IOException, InterruptedException, ServerAnswer {
            HttpResponse<String> answer;
            try {
                answer = response.get();
            }
            catch (ExecutionException ex) {
                if (cancelled) {
                    // the client aborts the exchange, which fails it with an IOException: not a network problem
                    throw new CancellationException("given up on");
                }
                if (ex.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(ex.getCause().getMessage(), ex.getCause());
            }
            if (answer.statusCode() == 204) {
                return Optional.empty();
            }
            try {
                return Optional.of(job(object(answer)));
            }
            catch (RuntimeException ex) {
                throw new IOException("unreadable job offer: " + ex.getMessage(), ex);
            }
        }

        /** Gives up waiting; a job the server hands out at the same moment is lost to this agent. */
        public void cancel() {
            cancelled = true;
            response.cancel(true);
        }
    }

    private final HttpClient http;
    private final URI server;
    private final String userAgent;

    public JobApiClient(URI server, String version) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.server = server;
        this.userAgent = "cygnetci-runner/" + version;
    }

    /** Asks for a job; the server answers when it has one for this agent, or after {@code waitSeconds}. */
    public PendingJob requestJob(String credential, int waitSeconds) {
        HttpRequest request = request("/api/v1/jobs/request", credential)
                .timeout(Duration.ofSeconds(waitSeconds).plus(TIMEOUT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("wait_seconds", waitSeconds)))).build();
        return new PendingJob(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Reports a step as started (idempotent); answers whether the job is to be cancelled. */
    public boolean startStep(String credential, UUID jobId, int index)
            throws IOException, InterruptedException, ServerAnswer {
        HttpRequest request = request(stepPath(jobId, index) + "/start", credential).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return cancelRequested(object(send(request)));
    }

    /** Sends the next bytes of a step's output, which the server places at {@code offset}. */
    public LogAccepted appendLog(String credential, UUID jobId, int index, long offset, byte[] bytes)
            throws IOException, InterruptedException, ServerAnswer {
        HttpRequest request = request(stepPath(jobId, index) + "/log?offset=" + offset, credential).timeout(TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        Map<String, Object> answer = object(send(request));
        return new LogAccepted(((Number) answer.get("next_offset")).longValue(), cancelRequested(answer),
                Boolean.TRUE.equals(answer.get("truncated")));
    }

    /** Reports how a step ended; answers whether the job is to be cancelled. */
    public boolean reportStep(String credential, UUID jobId, int index, StepStatus status, Integer exitCode)
            throws IOException, InterruptedException, ServerAnswer {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.wire());
        body.put("exit_code", exitCode);
        HttpRequest request = request(stepPath(jobId, index) + "/result", credential).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        return cancelRequested(object(send(request)));
    }

    /** Reports how the job ended. */
    public void finish(String credential, UUID jobId, JobStatus status)
            throws IOException, InterruptedException, ServerAnswer {
        HttpRequest request = request("/api/v1/jobs/" + jobId + "/finish", credential).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("status", status.wire())))).build();
        send(request);
    }

    /** The job's status on the server, and whether it is to be cancelled. */
    public JobState jobState(String credential, UUID jobId) throws IOException, InterruptedException, ServerAnswer {
        HttpRequest request = request("/api/v1/jobs/" + jobId, credential).timeout(TIMEOUT).GET().build();
        Map<String, Object> answer = object(send(request));
        return new JobState(String.valueOf(answer.get("status")), cancelRequested(answer));
    }

    private HttpRequest.Builder request(String path, String credential) {
        return HttpRequest.newBuilder(URI.create(server + path)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + credential).header("User-Agent", userAgent);
    }

    private static String stepPath(UUID jobId, int index) {
        return "/api/v1/jobs/" + jobId + "/steps/" + index;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException, ServerAnswer {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return response;
        }
        throw answer(response);
    }

    private static Map<String, Object> object(HttpResponse<String> response) throws ServerAnswer {
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw answer(response);
        }
        String body = response.body();
        return body == null || body.isBlank() ? Map.of() : Json.parseObject(body);
    }

    private static ServerAnswer answer(HttpResponse<String> response) {
        Map<String, Object> problem = problem(response);
        Object detail = problem.get("detail");
        String message = detail != null ? detail.toString() : "HTTP " + response.statusCode();
        if (response.statusCode() == 416) {
            Long expected = problem.get("expected_offset") instanceof Number n ? Long.valueOf(n.longValue())
                    : rangeEnd(response);
            if (expected != null) {
                return new OffsetMismatch(expected, message);
            }
        }
        return new ServerAnswer(response.statusCode(), message);
    }

    private static Map<String, Object> problem(HttpResponse<String> response) {
        try {
            return Json.parseObject(response.body());
        }
        catch (RuntimeException ex) {
            // not a problem+json body (a proxy's error page): the status says enough
            return Map.of();
        }
    }

    /** {@code Range: 0-<expected_offset>}, in case a proxy dropped the body. */
    private static Long rangeEnd(HttpResponse<String> response) {
        Optional<String> range = response.headers().firstValue("Range");
        if (range.isEmpty() || !range.get().trim().matches("0-\\d+")) {
            return null;
        }
        return Long.parseLong(range.get().trim().substring(2));
    }

    private static boolean cancelRequested(Map<String, Object> answer) {
        return Boolean.TRUE.equals(answer.get("cancel_requested"));
    }

    @SuppressWarnings("unchecked")
    static Job job(Map<String, Object> offer) {
        List<Job.Parameter> parameters = new ArrayList<>();
        for (Object item : (List<Object>) offer.getOrDefault("parameters", List.of())) {
            Map<String, Object> p = (Map<String, Object>) item;
            parameters.add(new Job.Parameter((String) p.get("name"), text(p.get("value")),
                    Boolean.TRUE.equals(p.get("secret"))));
        }
        List<Job.Step> steps = new ArrayList<>();
        for (Object item : (List<Object>) offer.getOrDefault("steps", List.of())) {
            Map<String, Object> s = (Map<String, Object>) item;
            Map<String, String> env = new LinkedHashMap<>();
            ((Map<String, Object>) orEmpty(s.get("env"))).forEach((k, v) -> {
                if (v != null) {
                    env.put(k, text(v));
                }
            });
            steps.add(new Job.Step((int) number(s.get("index"), steps.size()), (String) s.get("name"),
                    (String) s.get("command"), number(s.get("timeout_seconds"), 0),
                    Boolean.TRUE.equals(s.get("continue_on_error")), env));
        }
        UUID jobId = UUID.fromString((String) offer.get("job_id"));
        Object executionId = offer.get("execution_id");
        return new Job(jobId, executionId == null ? jobId : UUID.fromString((String) executionId),
                number(offer.get("number"), 0), uuid(offer.get("pipeline_id")), (String) offer.get("pipeline_name"),
                uuid(offer.get("tenant_id")), (String) offer.get("tenant_slug"), (String) offer.get("repository"),
                (String) offer.get("ref"), parameters, steps, number(offer.get("log_limit_bytes"), 0),
                Boolean.TRUE.equals(offer.get("cancel_requested")));
    }

    private static Object orEmpty(Object value) {
        return value == null ? Map.of() : value;
    }

    private static long number(Object value, long otherwise) {
        return value instanceof Number n ? n.longValue() : otherwise;
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString((String) value);
    }

    /** Values as the shell sees them: JSON numbers and booleans as written ({@code 3}, not {@code 3.0}). */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return value.toString();
    }
}
