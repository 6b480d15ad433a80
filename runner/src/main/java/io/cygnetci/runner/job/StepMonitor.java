package io.cygnetci.runner.job;

/**
 * Watches over a running step on a thread of its own: uploads its output as it becomes due (an unfinished line
 * once it has waited long enough), and asks for the job's status when the server has not answered about the job
 * for a few seconds, which is how a cancel or a job the server gave up on becomes known while the step is quiet.
 * A step whose output flows needs no polling: every log upload's answer carries {@code cancel_requested}, and a
 * job the server ended refuses uploads, so the answers stop and the polling resumes.
 */
final class StepMonitor {

    private final SecretMasker masker;
    private final LogStreamer streamer;
    private final JobReporter reporter;
    private final JobTimings timings;
    private final Thread thread;
    private volatile boolean done;

    StepMonitor(SecretMasker masker, LogStreamer streamer, JobReporter reporter, JobTimings timings, String name) {
        this.masker = masker;
        this.streamer = streamer;
        this.reporter = reporter;
        this.timings = timings;
        this.thread = new Thread(this::watch, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops watching, after an upload under way has got through. */
    void stop() throws InterruptedException {
        done = true;
        streamer.wake();
        thread.join();
    }

    private void watch() {
        long nextPoll = System.nanoTime() + timings.statusPollInterval().toNanos();
        try {
            while (!done) {
                streamer.awaitFullChunk(timings.tick());
                masker.releaseStale();
                streamer.sendDue();
                if (!done && System.nanoTime() - nextPoll >= 0) {
                    long heardUntil = reporter.signals().lastAnswerNanos() + timings.statusPollInterval().toNanos();
                    if (heardUntil - System.nanoTime() > 0) {
                        nextPoll = heardUntil;
                    }
                    else {
                        reporter.pollState();
                        nextPoll = System.nanoTime() + timings.statusPollInterval().toNanos();
                    }
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            reporter.say("stopped watching the step: " + ex);
        }
    }
}
