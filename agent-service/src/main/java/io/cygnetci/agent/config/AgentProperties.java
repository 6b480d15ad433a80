package io.cygnetci.agent.config;

import java.time.Duration;

import io.cygnetci.platform.security.signing.SigningKeySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Agents, heartbeats and liveness.
 *
 * @param tenantServiceUri where the tenant directory is loaded from at start
 * @param heartbeatInterval the interval agents are told to heartbeat at, unless their tenant sets its own
 * @param offlineAfterIntervals an agent without a heartbeat for this many intervals is offline (a tenant may set
 *        its own window instead)
 * @param staleAfter an agent offline this long is stale
 * @param detectorInterval how often the liveness detector looks for agents that went quiet
 * @param heartbeatFlushInterval the longest heartbeats wait in the consumer before they are written in one batch
 * @param accessCacheTtl how long a replica trusts what it read about an agent's credential (changes made by this
 *        replica, and by others through {@code cygnetci.agents.v1}, take effect at once)
 * @param defaultMaxAgents the agent limit of a tenant this service has not heard of yet
 * @param credentials the agent credentials this service issues
 */
@ConfigurationProperties("cygnetci.agents")
public record AgentProperties(String tenantServiceUri, Duration heartbeatInterval, Integer offlineAfterIntervals,
        Duration staleAfter, Duration detectorInterval, Duration heartbeatFlushInterval, Duration accessCacheTtl,
        Integer defaultMaxAgents, Credentials credentials) {

    public AgentProperties {
        tenantServiceUri = tenantServiceUri == null ? "http://localhost:8081" : tenantServiceUri;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(10) : heartbeatInterval;
        offlineAfterIntervals = offlineAfterIntervals == null ? 3 : offlineAfterIntervals;
        staleAfter = staleAfter == null ? Duration.ofDays(7) : staleAfter;
        detectorInterval = detectorInterval == null ? Duration.ofSeconds(1) : detectorInterval;
        heartbeatFlushInterval = heartbeatFlushInterval == null ? Duration.ofMillis(500) : heartbeatFlushInterval;
        accessCacheTtl = accessCacheTtl == null ? Duration.ofSeconds(60) : accessCacheTtl;
        defaultMaxAgents = defaultMaxAgents == null ? 10 : defaultMaxAgents;
        credentials = credentials == null ? new Credentials(null, null, null) : credentials;
    }

    /**
     * @param issuer the {@code iss} of agent credentials (the gateway trusts it next to tenant-service)
     * @param lifetime how long a credential is valid; re-registering issues a new one
     * @param signingKey the RS256 key credentials are signed with
     */
    public record Credentials(String issuer, Duration lifetime, SigningKeySettings signingKey) {

        public Credentials {
            issuer = issuer == null ? "http://localhost:8082" : issuer;
            lifetime = lifetime == null ? Duration.ofDays(365) : lifetime;
            signingKey = signingKey == null ? SigningKeySettings.none() : signingKey;
        }
    }
}
