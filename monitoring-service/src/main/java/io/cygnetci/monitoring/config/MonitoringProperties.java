package io.cygnetci.monitoring.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Health checks, the activity feed, usage metering and the per-tenant gauges.
 *
 * @param gaugesRefreshInterval how often the per-tenant gauges (agents, services) are read from the database
 */
@ConfigurationProperties("cygnetci.monitoring")
public record MonitoringProperties(Checks checks, Activity activity, Usage usage, Duration gaugesRefreshInterval) {

    public MonitoringProperties {
        checks = checks == null ? new Checks(null, null, null, null, null, null) : checks;
        activity = activity == null ? new Activity(null, null) : activity;
        usage = usage == null ? new Usage(null, null, null, null) : usage;
        gaugesRefreshInterval = gaugesRefreshInterval == null ? Duration.ofSeconds(15) : gaugesRefreshInterval;
    }

    /**
     * @param maxConcurrent checks running at once in this replica
     * @param maxConcurrentPerTenant checks of one tenant running at once, so one tenant cannot take every slot
     * @param pollInterval how often due checks are looked for
     * @param historyRetention how long results are kept
     * @param maxPerTenant health checks a tenant may have
     * @param allowedTargets CIDRs or host names checks may reach although they are internal addresses
     */
    public record Checks(Integer maxConcurrent, Integer maxConcurrentPerTenant, Duration pollInterval,
            Duration historyRetention, Integer maxPerTenant, List<String> allowedTargets) {

        public Checks {
            maxConcurrent = maxConcurrent == null ? 32 : maxConcurrent;
            maxConcurrentPerTenant = maxConcurrentPerTenant == null ? 4 : maxConcurrentPerTenant;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            historyRetention = historyRetention == null ? Duration.ofDays(7) : historyRetention;
            maxPerTenant = maxPerTenant == null ? 100 : maxPerTenant;
            allowedTargets = allowedTargets == null ? List.of()
                    : allowedTargets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }

    /**
     * @param retention how long activity is kept
     * @param streamPollInterval how often the live stream looks for new activity of its subscribers' tenants
     */
    public record Activity(Duration retention, Duration streamPollInterval) {

        public Activity {
            retention = retention == null ? Duration.ofDays(30) : retention;
            streamPollInterval = streamPollInterval == null ? Duration.ofMillis(500) : streamPollInterval;
        }
    }

    /**
     * @param window the length of a usage window (it must divide a day, so windows align to UTC days)
     * @param grace how long after its end a window waits for late events before it is published
     * @param agentMeteringInterval how often online agents' minutes are metered
     * @param publishInterval how often closed windows are looked for
     */
    public record Usage(Duration window, Duration grace, Duration agentMeteringInterval, Duration publishInterval) {

        public Usage {
            window = window == null ? Duration.ofHours(1) : window;
            grace = grace == null ? Duration.ofMinutes(2) : grace;
            agentMeteringInterval = agentMeteringInterval == null ? Duration.ofSeconds(60) : agentMeteringInterval;
            publishInterval = publishInterval == null ? Duration.ofSeconds(15) : publishInterval;
            if (window.toSeconds() < 1 || Duration.ofDays(1).toMillis() % window.toMillis() != 0) {
                throw new IllegalArgumentException("cygnetci.monitoring.usage.window must divide a day, was " + window);
            }
        }
    }
}
