package io.cygnetci.runner;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cygnetci.runner.api.AgentApiClient;
import io.cygnetci.runner.api.JobApiClient;
import io.cygnetci.runner.api.NetworkErrors;
import io.cygnetci.runner.api.ServerAnswer;
import io.cygnetci.runner.config.RunnerOptions;
import io.cygnetci.runner.job.AgentSession;
import io.cygnetci.runner.job.JobExecutor;
import io.cygnetci.runner.job.JobTimings;
import io.cygnetci.runner.job.JobWorkers;
import io.cygnetci.runner.load.LoadProbe;
import io.cygnetci.runner.state.AgentIdentity;
import io.cygnetci.runner.state.IdentityStore;

/**
 * The agent's life: register once (the identity is kept in the work directory), then heartbeat at the interval
 * the server asks for. An unreachable server is retried with growing pauses; a revoked credential leads to
 * registering again with the token. Meanwhile {@link JobWorkers} ask for jobs and run them, on threads of their
 * own, while the agent is registered, its credential confirmed by a heartbeat, and not paused. When asked to stop
 * (SIGTERM, or {@code stop} from the server) it asks for no more jobs and keeps heartbeating until its running
 * jobs are done, then returns.
 */
public final class Runner {

    /** How {@link #run()} ended, as the process exit code. */
    public enum Exit {
        STOPPED(0), FAILED(1), NOT_REGISTERED(2);

        public final int code;

        Exit(int code) {
            this.code = code;
        }
    }

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final RunnerOptions options;
    private final AgentApiClient client;
    private final IdentityStore store;
    private final LoadProbe load;
    private final WorkTracker work;
    private final Console console;
    private final String version;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final JobWorkers jobs;
    private final AtomicBoolean heartbeatNow = new AtomicBoolean();
    private volatile String stopReason;
    private volatile AgentIdentity identity;
    private volatile boolean paused;
    /** The credential the last heartbeat was accepted with: jobs are asked for with no other. */
    private volatile String confirmedCredential;

    public Runner(RunnerOptions options, AgentApiClient client, WorkTracker work, Console console, String version) {
        this(options, client, new JobApiClient(options.serverUrl(), version), work, console, version);
    }

    public Runner(RunnerOptions options, AgentApiClient client, JobApiClient jobClient, WorkTracker work,
            Console console, String version) {
        this(options, client, jobClient, work, console, version, JobTimings.standard(options.maxBackoff()));
    }

    Runner(RunnerOptions options, AgentApiClient client, JobApiClient jobClient, WorkTracker work, Console console,
            String version, JobTimings timings) {
        this.options = options;
        this.client = client;
        this.store = new IdentityStore(options.workDir());
        this.load = new LoadProbe(options.workDir());
        this.work = work;
        this.console = console;
        this.version = version;
        Session session = new Session();
        this.jobs = new JobWorkers(options.concurrency(), jobClient, session,
                new JobExecutor(jobClient, session, options.workDir(), options.keepWorkspaces(), console, timings),
                work, console, timings);
    }

    public Exit run() {
        try {
            return loop();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Exit.STOPPED;
        }
        catch (IOException ex) {
            console.say("cannot use the work directory " + options.workDir() + ": " + ex.getMessage());
            return Exit.FAILED;
        }
        finally {
            jobs.stop();
            finished.countDown();
        }
    }

    /** Asks the runner to stop once its running work is done; answers at once. */
    public void requestStop(String reason) {
        if (stopRequested.getCount() > 0) {
            jobs.stop();
            stopReason = reason;
            int running = work.running();
            console.say(reason + ": " + (running == 0 ? "stopping"
                    : "finishing " + running + " running job(s) first, still heartbeating"));
            stopRequested.countDown();
        }
    }

    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Exit loop() throws IOException, InterruptedException {
        identity = store.load();
        store.save(identity);
        jobs.start();
        Duration backoff = FIRST_BACKOFF;
        boolean online = false;
        while (true) {
            if (!identity.registered()) {
                if (options.registrationToken() == null) {
                    console.say("not registered, and no registration token: set --token or "
                            + "CYGNETCI_REGISTRATION_TOKEN");
                    return Exit.NOT_REGISTERED;
                }
                if (stopping() && idle()) {
                    return stopped();
                }
                try {
                    AgentApiClient.Registered registered = client.register(options.registrationToken(),
                            identity.uuid(), options.name(), hostName(), options.labels(), options.location(),
                            version);
                    identity = identity.withCredential(registered.agentId(), registered.credential());
                    store.save(identity);
                    console.say((registered.reregistered() ? "registered again" : "registered") + " as agent "
                            + registered.agentId() + " (" + options.name() + ") with " + options.serverUrl());
                    backoff = FIRST_BACKOFF;
                }
                catch (ServerAnswer answer) {
                    if (answer.status() == 401 || answer.status() == 400) {
                        console.say("registration refused: " + answer.getMessage());
                        return Exit.NOT_REGISTERED;
                    }
                    Duration wait = answer.transientFailure() ? backoff : options.maxBackoff();
                    console.say("registration refused: " + answer.getMessage() + " (retrying in " + wait.toSeconds()
                            + "s)");
                    waitOrStop(wait);
                    backoff = next(backoff);
                }
                catch (IOException ex) {
                    console.say("cannot reach " + options.serverUrl() + ": " + NetworkErrors.describe(ex)
                            + " (retrying in " + backoff.toSeconds() + "s)");
                    waitOrStop(backoff);
                    backoff = next(backoff);
                }
                continue;
            }
            Duration wait;
            String credential = identity.credential();
            try {
                AgentApiClient.HeartbeatAnswer answer = client.heartbeat(identity.agentId(), credential,
                        load.read(), work.running(), version);
                if (!online) {
                    console.say("online: heartbeat every " + answer.nextIntervalSeconds() + "s");
                    online = true;
                }
                if (answer.actions().contains("pause") != paused) {
                    paused = !paused;
                    console.say(paused ? "disabled by an admin: taking no new work" : "enabled again");
                }
                if (answer.actions().contains("stop")) {
                    requestStop("stop requested by the server");
                }
                // only now, so that no job is asked for by an agent this very answer pauses
                confirmedCredential = credential;
                backoff = FIRST_BACKOFF;
                wait = Duration.ofSeconds(Math.max(1, answer.nextIntervalSeconds()));
            }
            catch (ServerAnswer answer) {
                online = false;
                if (answer.status() == 401) {
                    console.say("credential no longer accepted (" + answer.getMessage() + "): registering again");
                    confirmedCredential = null;
                    identity = identity.withoutCredential();
                    store.save(identity);
                    continue;
                }
                wait = answer.transientFailure() ? backoff : options.maxBackoff();
                console.say("heartbeat refused: " + answer.getMessage() + " (retrying in " + wait.toSeconds() + "s)");
                backoff = next(backoff);
            }
            catch (IOException ex) {
                online = false;
                wait = backoff;
                console.say("heartbeat failed: cannot reach " + options.serverUrl() + ": " + NetworkErrors.describe(ex)
                        + " (retrying in " + wait.toSeconds() + "s)");
                backoff = next(backoff);
            }
            if (stopping() && idle()) {
                return stopped();
            }
            waitOrStop(wait);
            if (stopping() && idle()) {
                return stopped();
            }
        }
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    /** No job running, and none about to start (a job request answered just as the stop came). */
    private boolean idle() {
        return work.running() == 0 && jobs.finished();
    }

    private Exit stopped() {
        console.say("stopped (" + stopReason + ")");
        return Exit.STOPPED;
    }

    /**
     * Sleeps, but wakes at once when a stop is requested and no work is running, or when a job call found the
     * credential refused (the heartbeat then tells whether to register again).
     */
    private void waitOrStop(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            long left = deadline - System.nanoTime();
            if (stopRequested.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS)
                    && idle()) {
                return;
            }
            if (heartbeatNow.getAndSet(false)) {
                return;
            }
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : doubled;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        }
        catch (java.net.UnknownHostException ex) {
            return "unknown";
        }
    }

    /** The runner as its job workers see it. */
    private final class Session implements AgentSession {

        @Override
        public String credential() {
            AgentIdentity current = identity;
            return current == null ? null : current.credential();
        }

        @Override
        public boolean takingWork() {
            String credential = credential();
            return !paused && !stopping() && credential != null && credential.equals(confirmedCredential);
        }

        @Override
        public void credentialRefused(String credential) {
            if (credential != null && credential.equals(credential())) {
                confirmedCredential = null;
                heartbeatNow.set(true);
            }
        }
    }
}
