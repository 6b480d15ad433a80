package io.cygnetci.runner.job;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import io.cygnetci.runner.api.JobApiClient;
import io.cygnetci.runner.api.ServerAnswer;

/**
 * Uploads a step's (masked) output in order, each piece at the offset where it belongs: the bytes are kept until
 * the server has taken them, so a failed upload is sent again and nothing is lost. A piece goes when 64 KiB are
 * waiting, or when output has waited a second. When the server holds a different offset (416) the upload goes on
 * from the server's offset. Once the server says the log is truncated, nothing more is sent.
 */
final class LogStreamer {

    static final int CHUNK = 64 * 1024;

    /** After this many offset disagreements in a row, something is off: wait before the next try. */
    private static final int MISMATCHES_BEFORE_PAUSE = 3;

    /** After this many, the server and the runner will not agree: the rest of the step's output is not sent. */
    static final int MISMATCHES_BEFORE_GIVING_UP = 10;

    private final JobReporter reporter;
    private final int stepIndex;
    private final long keepUpTo;
    private final long sendIntervalNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock sending = new ReentrantLock();

    // guarded by this: the bytes not yet taken by the server, the first of which belongs at offset base
    private byte[] pending = new byte[CHUNK];
    private int length;
    private long base;
    private boolean stopped;
    private long lastSent;

    /**
     * @param logLimitBytes the server keeps this much of a step's output (0: no limit); one more piece is sent so
     *        the server sees the log overflow, the rest is not even kept in memory
     */
    LogStreamer(JobReporter reporter, int stepIndex, long logLimitBytes, Duration sendInterval,
            LongSupplier nanoClock) {
        this.reporter = reporter;
        this.stepIndex = stepIndex;
        this.keepUpTo = logLimitBytes > 0 ? logLimitBytes + CHUNK : Long.MAX_VALUE;
        this.sendIntervalNanos = sendInterval.toNanos();
        this.nanoClock = nanoClock;
        this.lastSent = nanoClock.getAsLong();
    }

    synchronized void append(byte[] bytes) {
        if (stopped) {
            return;
        }
        int n = (int) Math.min(bytes.length, Math.max(0, keepUpTo - base - length));
        if (length + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + n));
        }
        System.arraycopy(bytes, 0, pending, length, n);
        length += n;
        if (length >= CHUNK) {
            notifyAll();
        }
    }

    /** Waits until a full piece is waiting, or {@code time} has passed, or {@link #wake()}. */
    synchronized void awaitFullChunk(Duration time) throws InterruptedException {
        if (length < CHUNK) {
            wait(Math.max(1, time.toMillis()));
        }
    }

    synchronized void wake() {
        notifyAll();
    }

    /** How much of the output the server has taken, as far as the runner knows. */
    synchronized long offset() {
        return base;
    }

    /** Sends what is due: full pieces, and anything that has waited a second since the last upload. */
    void sendDue() throws InterruptedException {
        boolean due;
        synchronized (this) {
            due = length >= CHUNK || (length > 0 && nanoClock.getAsLong() - lastSent >= sendIntervalNanos);
        }
        if (due) {
            send(false);
        }
    }

    /** Sends everything: the step's output has ended. */
    void flush() throws InterruptedException {
        send(true);
    }

    private void send(boolean everything) throws InterruptedException {
        sending.lock();
        try {
            int mismatches = 0;
            while (true) {
                byte[] piece;
                long at;
                synchronized (this) {
                    int n = Math.min(length, CHUNK);
                    if (!everything || n < length) {
                        // a piece ends on a whole UTF-8 character, for a server that reads pieces as text
                        n = Utf8.wholeCharacters(pending, n);
                    }
                    if (stopped || n == 0) {
                        return;
                    }
                    piece = Arrays.copyOf(pending, n);
                    at = base;
                    lastSent = nanoClock.getAsLong();
                }
                Optional<JobApiClient.LogAccepted> accepted;
                try {
                    accepted = reporter.persistently("upload the output of step " + stepIndex,
                            credential -> reporter.api().appendLog(credential, reporter.job().jobId(), stepIndex,
                                    at, piece));
                }
                catch (JobApiClient.OffsetMismatch mismatch) {
                    moveTo(mismatch.expectedOffset());
                    if (++mismatches >= MISMATCHES_BEFORE_GIVING_UP) {
                        reporter.say("the server keeps refusing the offset of step " + stepIndex
                                + "'s output (" + mismatch.getMessage() + "): not sending more of it");
                        stop();
                        return;
                    }
                    if (mismatches >= MISMATCHES_BEFORE_PAUSE) {
                        reporter.signals().pause(Duration.ofSeconds(1));
                    }
                    continue;
                }
                catch (ServerAnswer answer) {
                    reporter.say("the server refused the output of step " + stepIndex + " (" + answer.getMessage()
                            + "): not sending more of it");
                    stop();
                    return;
                }
                if (accepted.isEmpty()) {
                    stop();
                    return;
                }
                mismatches = 0;
                reporter.signals().cancelIf(accepted.get().cancelRequested());
                moveTo(accepted.get().nextOffset());
                if (accepted.get().truncated()) {
                    stop();
                    return;
                }
            }
        }
        finally {
            sending.unlock();
        }
    }

    /**
     * The server has the output up to {@code offset}: drop what it has, and send on from there. Bytes it lacks
     * that are no longer here cannot be sent again: the output goes on at its offset regardless.
     */
    private synchronized void moveTo(long offset) {
        long have = offset - base;
        if (have >= 0 && have <= length) {
            System.arraycopy(pending, (int) have, pending, 0, length - (int) have);
            length -= (int) have;
        }
        else if (have > length) {
            length = 0;
        }
        base = offset;
    }

    private synchronized void stop() {
        stopped = true;
        length = 0;
        notifyAll();
    }
}
