package io.cygnetci.runner.job;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cygnetci.runner.Console;
import io.cygnetci.runner.WorkTracker;
import io.cygnetci.runner.api.JobApiClient;
import io.cygnetci.runner.api.NetworkErrors;
import io.cygnetci.runner.api.ServerAnswer;

/**
 * The runner's job slots: {@code concurrency} threads, each asking the server for a job (a request the server
 * holds open until it has one) and running it, for as long as the agent is registered and not paused. The
 * {@link WorkTracker} counts the jobs running, for the heartbeat and for a stopping runner to wait on. Once
 * stopped, no new job is asked for, a request being held open is given up on, and a running job goes on to its
 * end.
 */
public final class JobWorkers {

    /** How often an idle slot looks again whether the agent takes work (registered, not paused). */
    private static final Duration IDLE_CHECK = Duration.ofMillis(250);

    private final int concurrency;
    private final JobApiClient api;
    private final AgentSession session;
    private final JobExecutor executor;
    private final WorkTracker work;
    private final Console console;
    private final JobTimings timings;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<JobApiClient.PendingJob> pending = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private String lastProblem;

    public JobWorkers(int concurrency, JobApiClient api, AgentSession session, JobExecutor executor,
            WorkTracker work, Console console, JobTimings timings) {
        this.concurrency = concurrency;
        this.api = api;
        this.session = session;
        this.executor = executor;
        this.work = work;
        this.console = console;
        this.timings = timings;
    }

    public synchronized void start() {
        if (!threads.isEmpty() || stopping()) {
            return;
        }
        for (int i = 1; i <= concurrency; i++) {
            Thread thread = new Thread(this::work, "job-worker-" + i);
            // the runner decides when the process ends (after the jobs, unless it failed)
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Asks for no more jobs; running ones go on. Answers at once. */
    public void stop() {
        stopped.countDown();
        pending.forEach(JobApiClient.PendingJob::cancel);
    }

    /** Stopped, and every slot's job has ended. */
    public synchronized boolean finished() {
        return stopping() && threads.stream().noneMatch(Thread::isAlive);
    }

    /** Waits for {@link #finished()}; for tests. */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : List.copyOf(threads)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return finished();
    }

    private boolean stopping() {
        return stopped.getCount() == 0;
    }

    private void work() {
        Duration backoff = timings.firstBackoff();
        try {
            while (!stopping()) {
                String credential = session.credential();
                if (credential == null || !session.takingWork()) {
                    stopped.await(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                Duration wait = null;
                try {
                    Optional<Job> job = request(credential);
                    backoff = timings.firstBackoff();
                    problemGone();
                    if (job.isPresent()) {
                        run(job.get());
                    }
                }
                catch (CancellationException ex) {
                    // stopped while the server held the request open
                }
                catch (ServerAnswer answer) {
                    if (answer.status() == 401) {
                        session.credentialRefused(credential);
                    }
                    wait = answer.transientFailure() || answer.status() == 401 ? backoff : timings.maxBackoff();
                    problem("job requests refused: " + answer.getMessage(), wait);
                }
                catch (IOException ex) {
                    wait = backoff;
                    problem("job requests failed: cannot reach the server: " + NetworkErrors.describe(ex), wait);
                }
                if (wait != null) {
                    stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
                    backoff = timings.nextBackoff(backoff);
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Job> request(String credential) throws IOException, InterruptedException, ServerAnswer {
        JobApiClient.PendingJob request = api.requestJob(credential, JobApiClient.WAIT_SECONDS);
        pending.add(request);
        try {
            if (stopping()) {
                request.cancel();
            }
            return request.await();
        }
        finally {
            pending.remove(request);
        }
    }

    private void run(Job job) throws InterruptedException {
        AutoCloseable running = work.started();
        try {
            executor.run(job);
        }
        catch (RuntimeException ex) {
            console.say("job " + job.executionId() + " failed in the runner: " + ex);
        }
        finally {
            try {
                running.close();
            }
            catch (Exception ex) {
                // WorkTracker's handle only counts down
            }
        }
    }

    /** Says a problem once, not once per slot and retry. */
    private synchronized void problem(String problem, Duration wait) {
        if (!Objects.equals(problem, lastProblem)) {
            lastProblem = problem;
            console.say(problem + " (retrying in " + Math.max(1, wait.toSeconds()) + "s)");
        }
    }

    private synchronized void problemGone() {
        if (lastProblem != null) {
            lastProblem = null;
            console.say("job requests answered again");
        }
    }
}
