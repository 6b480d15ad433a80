package io.cygnetci.release.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Releases, environments and deployments.
 *
 * @param tenantServiceUri where the tenant directory is loaded from at start
 * @param defaultDeploymentsPerHour the deployment quota of a tenant this service has not heard of yet
 */
@ConfigurationProperties("cygnetci.releases")
public record ReleaseProperties(String tenantServiceUri, Integer defaultDeploymentsPerHour) {

    public ReleaseProperties {
        tenantServiceUri = tenantServiceUri == null ? "http://localhost:8081" : tenantServiceUri;
        defaultDeploymentsPerHour = defaultDeploymentsPerHour == null ? 100 : defaultDeploymentsPerHour;
    }
}
