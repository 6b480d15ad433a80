package io.cygnetci.runner.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Jobs for tests, and their offers as the server would write them. */
public final class TestJobs {

    private TestJobs() {
    }

    /** The protocol's pace, quickened so tests take no longer than they must. */
    public static JobTimings fast() {
        return new JobTimings(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(10),
                Duration.ofMillis(100));
    }

    public static Job.Step step(int index, String name, String command) {
        return new Job.Step(index, name, command, 60, false, Map.of());
    }

    public static Job job(List<Job.Step> steps, List<Job.Parameter> parameters) {
        UUID id = UUID.randomUUID();
        return new Job(id, id, 7, UUID.randomUUID(), "Build API Service", UUID.randomUUID(), "acme-corp",
                "https://git.example/api.git", "main", parameters, steps, 4 * 1024 * 1024, false);
    }

    public static Job job(Job.Step... steps) {
        return job(List.of(steps), List.of());
    }

    /** The job as the server offers it in answer to a job request. */
    public static Map<String, Object> offer(Job job) {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("job_id", job.jobId().toString());
        offer.put("execution_id", job.executionId().toString());
        offer.put("number", job.number());
        offer.put("pipeline_id", job.pipelineId().toString());
        offer.put("pipeline_name", job.pipelineName());
        offer.put("tenant_id", job.tenantId().toString());
        offer.put("tenant_slug", job.tenantSlug());
        offer.put("repository", job.repository());
        offer.put("ref", job.ref());
        List<Object> parameters = new ArrayList<>();
        for (Job.Parameter p : job.parameters()) {
            parameters.add(Map.of("name", p.name(), "value", p.value(), "secret", p.secret()));
        }
        offer.put("parameters", parameters);
        List<Object> steps = new ArrayList<>();
        for (Job.Step s : job.steps()) {
            steps.add(Map.of("index", s.index(), "name", s.name(), "command", s.command(), "timeout_seconds",
                    s.timeoutSeconds(), "continue_on_error", s.continueOnError(), "env", s.env()));
        }
        offer.put("steps", steps);
        offer.put("log_limit_bytes", job.logLimitBytes());
        offer.put("cancel_requested", job.cancelRequested());
        return offer;
    }

    /** A session of a registered agent taking work, that notes refused credentials. */
    public static final class Session implements AgentSession {

        public volatile String credential = "credential-1";
        public volatile boolean takingWork = true;
        public final List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String credential() {
            return credential;
        }

        @Override
        public boolean takingWork() {
            return takingWork;
        }

        @Override
        public void credentialRefused(String credential) {
            refused.add(credential);
        }
    }
}
