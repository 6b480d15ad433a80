package io.cygnetci.runner.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.runner.Console;
import io.cygnetci.runner.api.JobApiClient;

/**
 * Runs a job's steps in order in the job's workspace and reports each step's result and the job's end. A failed
 * or timed-out step stops the job unless it may {@code continue_on_error}; a cancel kills the running step; either
 * way the remaining steps are reported skipped. A job the server no longer runs on this agent is abandoned: its
 * step is killed and nothing more is reported. The workspace is deleted afterwards unless kept.
 */
public final class JobExecutor {

    private final JobApiClient api;
    private final AgentSession session;
    private final Path workDir;
    private final boolean keepWorkspaces;
    private final Console console;
    private final JobTimings timings;
    private final Map<String, String> runnerEnv;

    public JobExecutor(JobApiClient api, AgentSession session, Path workDir, boolean keepWorkspaces,
            Console console, JobTimings timings) {
        this(api, session, workDir, keepWorkspaces, console, timings, System.getenv());
    }

    JobExecutor(JobApiClient api, AgentSession session, Path workDir, boolean keepWorkspaces, Console console,
            JobTimings timings, Map<String, String> runnerEnv) {
        this.api = api;
        this.session = session;
        this.workDir = workDir;
        this.keepWorkspaces = keepWorkspaces;
        this.console = console;
        this.timings = timings;
        this.runnerEnv = Map.copyOf(runnerEnv);
    }

    /**
     * Runs the job to its end.
     *
     * @return how it ended, or empty when it was abandoned
     */
    public Optional<JobStatus> run(Job job) throws InterruptedException {
        long started = System.nanoTime();
        console.say("job " + job.executionId() + " \"" + job.pipelineName() + "\" #" + job.number() + " started ("
                + job.steps().size() + " steps)");
        JobSignals signals = new JobSignals();
        signals.cancelIf(job.cancelRequested());
        JobReporter reporter = new JobReporter(api, session, job, signals, timings, console);
        Path workspace = Workspaces.of(workDir, job);
        Set<ProcessHandle> leftovers = ConcurrentHashMap.newKeySet();
        try {
            try {
                Files.createDirectories(workspace);
            }
            catch (IOException ex) {
                // the first step cannot start then, and says why in its output
                reporter.say("cannot create the workspace: " + Workspaces.describe(ex));
            }
            Optional<JobStatus> status;
            try {
                status = runSteps(job, reporter, new StepRunner(reporter, timings, runnerEnv, leftovers), workspace);
            }
            catch (RuntimeException ex) {
                reporter.say("the runner failed running the job: " + ex);
                status = Optional.of(JobStatus.FAILED);
            }
            if (status.isPresent()) {
                reporter.finish(status.get());
            }
            if (signals.abandoned()) {
                console.say("job " + job.executionId() + " abandoned: " + signals.abandonedBecause() + " ("
                        + seconds(started) + ")");
                return Optional.empty();
            }
            console.say("job " + job.executionId() + " finished: " + status.get().wire() + " (" + seconds(started)
                    + ")");
            return status;
        }
        finally {
            cleanUp(reporter, workspace, leftovers);
        }
    }

    private Optional<JobStatus> runSteps(Job job, JobReporter reporter, StepRunner runner, Path workspace)
            throws InterruptedException {
        JobSignals signals = reporter.signals();
        JobStatus decided = null;
        int count = job.steps().size();
        for (int i = 0; i < count; i++) {
            Job.Step step = job.steps().get(i);
            String label = "  step " + (i + 1) + "/" + count + " " + step.name() + ": ";
            if (signals.abandoned()) {
                return Optional.empty();
            }
            if (decided == null && signals.cancelRequested()) {
                decided = JobStatus.CANCELLED;
            }
            if (decided != null) {
                reporter.reportStep(step, StepStatus.SKIPPED, null);
                console.say(label + StepStatus.SKIPPED.wire());
                continue;
            }
            Optional<StepRunner.Outcome> ran = runner.run(step, workspace);
            if (ran.isEmpty()) {
                return Optional.empty();
            }
            StepRunner.Outcome outcome = ran.get();
            reporter.reportStep(step, outcome.status(), outcome.exitCode());
            console.say(label + outcome.status().wire() + " ("
                    + (outcome.exitCode() == null ? "" : "exit " + outcome.exitCode() + ", ")
                    + seconds(outcome.took()) + ")");
            decided = switch (outcome.status()) {
                case CANCELLED -> JobStatus.CANCELLED;
                case FAILED -> step.continueOnError() ? null : JobStatus.FAILED;
                case TIMED_OUT -> step.continueOnError() ? null : JobStatus.TIMED_OUT;
                default -> null;
            };
        }
        return signals.abandoned() ? Optional.empty()
                : Optional.of(decided == null ? JobStatus.SUCCEEDED : decided);
    }

    private void cleanUp(JobReporter reporter, Path workspace, Set<ProcessHandle> leftovers)
            throws InterruptedException {
        if (leftovers.stream().anyMatch(ProcessTree::isRunning)) {
            ProcessTree.kill(null, leftovers, timings.killGrace());
        }
        if (!keepWorkspaces) {
            try {
                Workspaces.delete(workspace);
            }
            catch (IOException ex) {
                reporter.say("cannot delete all of the workspace: " + Workspaces.describe(ex));
            }
        }
    }

    private static String seconds(long startedNanos) {
        return seconds(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private static String seconds(Duration took) {
        return String.format(Locale.ROOT, "%.1fs", took.toMillis() / 1000.0);
    }
}
