package io.cygnetci.runner.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a runner is configured.
 *
 * @param serverUrl the platform's gateway (or agent-service directly)
 * @param registrationToken the tenant's registration token; needed until the runner is registered, and again if
 *        its credential is ever revoked
 * @param name the agent's name (default: the host name)
 * @param labels what jobs may select this agent by
 * @param location where the agent runs, free text (e.g. a data centre)
 * @param workDir keeps the agent's identity and credential, and the jobs' files
 * @param maxBackoff the longest wait between retries while the server is unreachable
 * @param concurrency how many jobs the runner runs at the same time, at least 1
 * @param keepWorkspaces keep each job's workspace after the job, for looking into a build
 */
public record RunnerOptions(URI serverUrl, String registrationToken, String name, List<String> labels,
        String location, Path workDir, Duration maxBackoff, int concurrency, boolean keepWorkspaces) {

    public RunnerOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    /** One job at a time, workspaces deleted after each job. */
    public RunnerOptions(URI serverUrl, String registrationToken, String name, List<String> labels, String location,
            Path workDir, Duration maxBackoff) {
        this(serverUrl, registrationToken, name, labels, location, workDir, maxBackoff, 1, false);
    }
}
