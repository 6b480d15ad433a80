package io.cygnetci.gateway.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings.
 *
 * @param baseDomain tenants are reachable as {@code {slug}.{baseDomain}} (e.g. {@code localhost})
 * @param trustedProxies addresses whose {@code X-Forwarded-*} headers are kept; everyone else's are removed
 * @param maxBodySize larger request bodies answer 413
 * @param rateLimit per-tenant request budgets
 * @param corsAllowedOrigins browser origins (the web console) allowed to call the API; none by default
 */
@ConfigurationProperties("cygnetci.gateway")
public record GatewayProperties(String baseDomain, List<String> trustedProxies, DataSize maxBodySize,
        RateLimit rateLimit, List<String> corsAllowedOrigins) {

    public GatewayProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        baseDomain = baseDomain == null ? "localhost" : baseDomain;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        rateLimit = rateLimit == null ? new RateLimit(null, null, null, null, null) : rateLimit;
    }

    /**
     * @param defaultRequestsPerMinute a tenant's API budget when its plan is not known yet
     * @param anonymousRequestsPerMinute the budget of one client address without a token
     * @param runnerPaths path patterns of runner traffic, which has its own bucket per tenant
     * @param redisTimeoutMillis how long to wait for Redis before falling back to the local limit
     * @param exemptPaths path patterns never limited: the web console's static files, served from memory
     */
    public record RateLimit(Integer defaultRequestsPerMinute, Integer anonymousRequestsPerMinute,
            List<String> runnerPaths, Integer redisTimeoutMillis, List<String> exemptPaths) {

        public RateLimit {
            defaultRequestsPerMinute = defaultRequestsPerMinute == null ? 1000 : defaultRequestsPerMinute;
            anonymousRequestsPerMinute = anonymousRequestsPerMinute == null ? 120 : anonymousRequestsPerMinute;
            runnerPaths = runnerPaths == null ? List.of("/api/v1/agents/*/heartbeat", "/api/v1/jobs/**")
                    : List.copyOf(runnerPaths);
            redisTimeoutMillis = redisTimeoutMillis == null ? 200 : redisTimeoutMillis;
            exemptPaths = exemptPaths == null ? List.of("/", "/index.html", "/console/**") : List.copyOf(exemptPaths);
        }
    }
}
