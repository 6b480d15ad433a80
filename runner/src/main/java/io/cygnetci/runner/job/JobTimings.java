package io.cygnetci.runner.job;

import java.time.Duration;

/**
 * The pace of running a job; the protocol's values in production, shorter ones in tests.
 *
 * @param tick how often a running step is checked for its end, its timeout and a cancel
 * @param sendInterval the longest output waits before it is uploaded
 * @param holdIncompleteLine how long an unfinished line is held back for masking secrets
 * @param statusPollInterval how often the job's status is asked for while a step runs
 * @param killGrace how long killed processes have to exit before they are killed forcibly
 * @param outputGrace how long to wait for the end of a step's output once its shell has exited (a background
 *        process may still hold it open)
 * @param firstBackoff the first wait before retrying a call that failed for a passing reason
 * @param maxBackoff the longest such wait
 */
public record JobTimings(Duration tick, Duration sendInterval, Duration holdIncompleteLine,
        Duration statusPollInterval, Duration killGrace, Duration outputGrace, Duration firstBackoff,
        Duration maxBackoff) {

    public static JobTimings standard(Duration maxBackoff) {
        return new JobTimings(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1),
                maxBackoff);
    }

    Duration nextBackoff(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }
}
