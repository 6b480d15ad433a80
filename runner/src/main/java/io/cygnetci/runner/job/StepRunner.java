package io.cygnetci.runner.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one step: reports its start, runs its command, streams its masked output, kills it on timeout or cancel,
 * and says how it ended (the result itself is reported by {@link JobExecutor}).
 */
final class StepRunner {

    /** How a step ended; {@code exitCode} null when it did not exit by itself. */
    record Outcome(StepStatus status, Integer exitCode, Duration took) {
    }

    private final JobReporter reporter;
    private final JobTimings timings;
    private final Map<String, String> runnerEnv;
    private final Collection<ProcessHandle> leftovers;
    private final List<String> secrets;

    /**
     * @param leftovers collects the background processes steps leave running, for killing at the job's end
     */
    StepRunner(JobReporter reporter, JobTimings timings, Map<String, String> runnerEnv,
            Collection<ProcessHandle> leftovers) {
        this.reporter = reporter;
        this.timings = timings;
        this.runnerEnv = runnerEnv;
        this.leftovers = leftovers;
        this.secrets = reporter.job().parameters().stream().filter(Job.Parameter::secret)
                .map(Job.Parameter::value).toList();
    }

    /** Runs the step; empty when the job was abandoned meanwhile. */
    Optional<Outcome> run(Job.Step step, Path workspace) throws InterruptedException {
        long started = System.nanoTime();
        JobSignals signals = reporter.signals();
        reporter.startStep(step);
        if (signals.abandoned()) {
            return Optional.empty();
        }
        LogStreamer streamer = new LogStreamer(reporter, step.index(), reporter.job().logLimitBytes(),
                timings.sendInterval(), System::nanoTime);
        SecretMasker masker = new SecretMasker(secrets, streamer::append, timings.holdIncompleteLine(),
                System::nanoTime);
        Output output = new Output(masker);
        StepMonitor monitor = new StepMonitor(masker, streamer, reporter, timings,
                "job-" + reporter.job().executionId() + "-step-" + step.index());
        monitor.start();
        Outcome outcome;
        try {
            outcome = signals.cancelRequested() ? new Outcome(StepStatus.CANCELLED, null, Duration.ZERO)
                    : execute(step, workspace, output);
        }
        finally {
            monitor.stop();
        }
        masker.finish();
        streamer.flush();
        if (signals.abandoned()) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(outcome.status(), outcome.exitCode(),
                Duration.ofNanos(System.nanoTime() - started)));
    }

    private Outcome execute(Job.Step step, Path workspace, Output output) throws InterruptedException {
        StepProcess process;
        try {
            process = StepProcess.start(step.command(), workspace,
                    StepEnvironment.of(runnerEnv, reporter.job(), step, workspace), output);
        }
        catch (IOException ex) {
            output.note("cannot start the step: " + ex.getMessage());
            return new Outcome(StepStatus.FAILED, null, Duration.ZERO);
        }
        JobSignals signals = reporter.signals();
        long deadline = step.timeoutSeconds() > 0 ? System.nanoTime() + step.timeoutSeconds() * 1_000_000_000L : 0;
        Outcome outcome = null;
        String why = null;
        while (outcome == null && !process.waitFor(timings.tick())) {
            process.noteDescendants();
            if (signals.abandoned()) {
                why = "stopped: " + signals.abandonedBecause();
                outcome = new Outcome(StepStatus.CANCELLED, null, Duration.ZERO);
            }
            else if (signals.cancelRequested()) {
                why = "cancelled";
                outcome = new Outcome(StepStatus.CANCELLED, null, Duration.ZERO);
            }
            else if (deadline != 0 && System.nanoTime() - deadline >= 0) {
                why = "timed out after " + step.timeoutSeconds() + "s";
                outcome = new Outcome(StepStatus.TIMED_OUT, null, Duration.ZERO);
            }
            if (outcome != null) {
                process.kill(timings.killGrace());
            }
        }
        if (outcome == null) {
            outcome = new Outcome(process.exitCode() == 0 ? StepStatus.SUCCEEDED : StepStatus.FAILED,
                    process.exitCode(), Duration.ZERO);
        }
        if (!process.awaitOutputEnd(timings.outputGrace())) {
            // a background process still holds the output open: the step is over all the same
            process.detachOutput();
        }
        leftovers.addAll(process.leftovers());
        if (why != null) {
            output.note(why + ", the step's processes were killed");
        }
        return outcome;
    }

    /** The step's output on its way to the masker; knows whether it ended a line, for the runner's own notes. */
    private static final class Output implements Consumer<byte[]> {

        private final SecretMasker masker;
        private volatile boolean atLineStart = true;

        Output(SecretMasker masker) {
            this.masker = masker;
        }

        @Override
        public void accept(byte[] bytes) {
            if (bytes.length > 0) {
                atLineStart = bytes[bytes.length - 1] == '\n';
                masker.write(bytes);
            }
        }

        void note(String message) {
            accept(((atLineStart ? "" : "\n") + "[cygnetci-runner] " + message + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
