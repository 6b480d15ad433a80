package io.cygnetci.runner;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cygnetci.runner.api.AgentApiClient;
import io.cygnetci.runner.api.ServerAnswer;
import io.cygnetci.runner.config.RunnerOptions;
import io.cygnetci.runner.load.LoadProbe;
import io.cygnetci.runner.state.AgentIdentity;
import io.cygnetci.runner.state.IdentityStore;

/**
 * The agent's life: register once (the identity is kept in the work directory), then heartbeat at the interval
 * the server asks for. An unreachable server is retried with growing pauses; a revoked credential leads to
 * registering again with the token. When asked to stop (SIGTERM, or {@code stop} from the server) it keeps
 * heartbeating until its running work is done, then returns.
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
    private volatile String stopReason;

    public Runner(RunnerOptions options, AgentApiClient client, WorkTracker work, Console console, String version) {
        this.options = options;
        this.client = client;
        this.store = new IdentityStore(options.workDir());
        this.load = new LoadProbe(options.workDir());
        this.work = work;
        this.console = console;
        this.version = version;
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
            finished.countDown();
        }
    }

    /** Asks the runner to stop once its running work is done; answers at once. */
    public void requestStop(String reason) {
        if (stopRequested.getCount() > 0) {
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
        AgentIdentity identity = store.load();
        store.save(identity);
        Duration backoff = FIRST_BACKOFF;
        boolean online = false;
        boolean paused = false;
        while (true) {
            if (!identity.registered()) {
                if (options.registrationToken() == null) {
                    console.say("not registered, and no registration token: set --token or "
                            + "CYGNETCI_REGISTRATION_TOKEN");
                    return Exit.NOT_REGISTERED;
                }
                if (stopping()) {
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
                    console.say("cannot reach " + options.serverUrl() + ": " + describe(ex) + " (retrying in "
                            + backoff.toSeconds() + "s)");
                    waitOrStop(backoff);
                    backoff = next(backoff);
                }
                continue;
            }
            Duration wait;
            try {
                AgentApiClient.HeartbeatAnswer answer = client.heartbeat(identity.agentId(), identity.credential(),
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
                backoff = FIRST_BACKOFF;
                wait = Duration.ofSeconds(Math.max(1, answer.nextIntervalSeconds()));
            }
            catch (ServerAnswer answer) {
                online = false;
                if (answer.status() == 401) {
                    console.say("credential no longer accepted (" + answer.getMessage() + "): registering again");
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
                console.say("heartbeat failed: cannot reach " + options.serverUrl() + ": " + describe(ex)
                        + " (retrying in " + wait.toSeconds() + "s)");
                backoff = next(backoff);
            }
            if (stopping() && work.running() == 0) {
                return stopped();
            }
            waitOrStop(wait);
            if (stopping() && work.running() == 0) {
                return stopped();
            }
        }
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private Exit stopped() {
        console.say("stopped (" + stopReason + ")");
        return Exit.STOPPED;
    }

    /** Sleeps, but wakes at once when a stop is requested and no work is running. */
    private void waitOrStop(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            long left = deadline - System.nanoTime();
            if (stopRequested.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS)
                    && work.running() == 0) {
                return;
            }
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : doubled;
    }

    private static String describe(IOException ex) {
        if (ex instanceof ConnectException) {
            return "connection refused";
        }
        if (ex instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (ex instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        }
        catch (java.net.UnknownHostException ex) {
            return "unknown";
        }
    }
}
