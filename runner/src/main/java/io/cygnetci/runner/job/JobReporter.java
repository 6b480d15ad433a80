package io.cygnetci.runner.job;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.cygnetci.runner.Console;
import io.cygnetci.runner.api.JobApiClient;
import io.cygnetci.runner.api.NetworkErrors;
import io.cygnetci.runner.api.ServerAnswer;

/**
 * Tells the server about one job: its steps' starts and results, and its end. Calls that fail for a passing
 * reason (the server unreachable, 429, 5xx, a refused credential that the runner is replacing) are retried with
 * growing pauses until they get through or the job is abandoned; every answer's {@code cancel_requested} is
 * noted in the job's signals.
 */
final class JobReporter {

    /** A call to the server with the agent's current credential. */
    @FunctionalInterface
    interface Call<T> {
        T call(String credential) throws IOException, InterruptedException, ServerAnswer;
    }

    private final JobApiClient api;
    private final AgentSession session;
    private final Job job;
    private final JobSignals signals;
    private final JobTimings timings;
    private final Console console;

    JobReporter(JobApiClient api, AgentSession session, Job job, JobSignals signals, JobTimings timings,
            Console console) {
        this.api = api;
        this.session = session;
        this.job = job;
        this.signals = signals;
        this.timings = timings;
        this.console = console;
    }

    Job job() {
        return job;
    }

    JobSignals signals() {
        return signals;
    }

    JobApiClient api() {
        return api;
    }

    void say(String message) {
        console.say("job " + job.executionId() + ": " + message);
    }

    /**
     * Makes the call until it gets through.
     *
     * @return the answer, or empty when the job was abandoned meanwhile
     * @throws ServerAnswer an answer that retrying would not change (4xx but 401 and 429)
     */
    <T> Optional<T> persistently(String what, Call<T> call) throws ServerAnswer, InterruptedException {
        Duration backoff = timings.firstBackoff();
        boolean told = false;
        while (!signals.abandoned()) {
            String credential = session.credential();
            String problem;
            if (credential == null) {
                problem = "the runner is registering again";
            }
            else {
                try {
                    return Optional.of(call.call(credential));
                }
                catch (ServerAnswer answer) {
                    if (answer.status() == 401) {
                        session.credentialRefused(credential);
                    }
                    else if (!answer.transientFailure()) {
                        throw answer;
                    }
                    problem = answer.getMessage();
                }
                catch (IOException ex) {
                    problem = "cannot reach the server: " + NetworkErrors.describe(ex);
                }
            }
            if (!told) {
                say("cannot " + what + " (" + problem + "), retrying");
                told = true;
            }
            signals.pause(backoff);
            backoff = timings.nextBackoff(backoff);
        }
        return Optional.empty();
    }

    /** Reports the step started; a refusal other than a lost job is noted and the step runs anyway. */
    void startStep(Job.Step step) throws InterruptedException {
        try {
            persistently("report step " + step.index() + " started",
                    credential -> api.startStep(credential, job.jobId(), step.index()))
                    .ifPresent(signals::cancelIf);
        }
        catch (ServerAnswer answer) {
            refused("step " + step.index() + " start", answer);
        }
    }

    void reportStep(Job.Step step, StepStatus status, Integer exitCode) throws InterruptedException {
        try {
            persistently("report step " + step.index() + " " + status.wire(),
                    credential -> api.reportStep(credential, job.jobId(), step.index(), status, exitCode))
                    .ifPresent(signals::cancelIf);
        }
        catch (ServerAnswer answer) {
            refused("step " + step.index() + " result " + status.wire(), answer);
        }
    }

    void finish(JobStatus status) throws InterruptedException {
        try {
            persistently("report the job " + status.wire(), credential -> {
                api.finish(credential, job.jobId(), status);
                return true;
            });
        }
        catch (ServerAnswer answer) {
            refused("job end " + status.wire(), answer);
        }
    }

    /** Asks the server once how the job stands; a job it no longer runs on this agent is abandoned. */
    void pollState() throws InterruptedException {
        String credential = session.credential();
        if (credential == null) {
            return;
        }
        try {
            JobApiClient.JobState state = api.jobState(credential, job.jobId());
            signals.cancelIf(state.cancelRequested());
            if (!state.running()) {
                signals.abandon("the server has it " + state.status());
            }
        }
        catch (ServerAnswer answer) {
            if (answer.status() == 404) {
                signals.abandon("no longer this agent's job");
            }
            else if (answer.status() == 401) {
                session.credentialRefused(credential);
            }
        }
        catch (IOException ex) {
            // the next poll, or the next report, will tell
        }
    }

    private void refused(String what, ServerAnswer answer) throws InterruptedException {
        if (answer.status() == 409) {
            say("the server already decided otherwise about the " + what + " (" + answer.getMessage()
                    + "), carrying on");
        }
        else {
            say("the server refused the " + what + ": " + answer.getMessage());
        }
        if (answer.status() == 404 || answer.status() == 409) {
            pollState();
        }
    }
}
