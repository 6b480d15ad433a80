package io.cygnetci.pipeline.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Pipelines, executions and the job protocol.
 *
 * @param tenantServiceUri where the tenant directory is loaded from at start
 * @param defaultMaxPipelines the pipeline limit of a tenant this service has not heard of yet
 * @param defaultExecutionsPerHour the execution quota of a tenant this service has not heard of yet
 * @param logLimitPerStep the most output kept per step; the rest is accepted and dropped, and the log says so
 * @param maxChunkSize the largest log chunk one upload may carry (larger: 413)
 * @param longPollMax the longest a runner's job request waits for work
 * @param queueRecheckInterval how often a waiting job request looks at the queue even without a wake-up (work
 *        queued on another replica whose event has not arrived yet)
 * @param claimLease a claimed execution whose runner has started no step within this time is queued again (the
 *        claim's answer was lost on its way to the runner)
 * @param leaseCheckInterval how often expired claims are looked for ({@code 0s}: never)
 */
@ConfigurationProperties("cygnetci.pipelines")
public record PipelineProperties(String tenantServiceUri, Integer defaultMaxPipelines,
        Integer defaultExecutionsPerHour, DataSize logLimitPerStep, DataSize maxChunkSize, Duration longPollMax,
        Duration queueRecheckInterval, Duration claimLease, Duration leaseCheckInterval) {

    public PipelineProperties {
        tenantServiceUri = tenantServiceUri == null ? "http://localhost:8081" : tenantServiceUri;
        defaultMaxPipelines = defaultMaxPipelines == null ? 50 : defaultMaxPipelines;
        defaultExecutionsPerHour = defaultExecutionsPerHour == null ? 500 : defaultExecutionsPerHour;
        logLimitPerStep = logLimitPerStep == null ? DataSize.ofMegabytes(4) : logLimitPerStep;
        maxChunkSize = maxChunkSize == null ? DataSize.ofMegabytes(1) : maxChunkSize;
        longPollMax = longPollMax == null ? Duration.ofSeconds(30) : longPollMax;
        queueRecheckInterval = queueRecheckInterval == null ? Duration.ofSeconds(5) : queueRecheckInterval;
        claimLease = claimLease == null ? Duration.ofSeconds(60) : claimLease;
        leaseCheckInterval = leaseCheckInterval == null ? Duration.ofSeconds(10) : leaseCheckInterval;
    }
}
