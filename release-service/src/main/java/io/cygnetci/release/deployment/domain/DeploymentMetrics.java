package io.cygnetci.release.deployment.domain;

import java.util.UUID;

import io.cygnetci.platform.metrics.TenantCounters;

import org.springframework.stereotype.Component;

/**
 * Per-tenant deployment metrics: {@code cygnetci_deployments_requested_total} and
 * {@code cygnetci_deployments_finished_total{status}}, counted once the change has committed.
 */
@Component
public class DeploymentMetrics {

    private final TenantCounters counters;

    public DeploymentMetrics(TenantCounters counters) {
        this.counters = counters;
    }

    public void requested(UUID tenantId) {
        counters.increment("cygnetci.deployments.requested", "Deployments requested", tenantId);
    }

    /** Counts a deployment that has ended; one still waiting or running is not counted. */
    public void ended(Deployment deployment) {
        if (!deployment.active()) {
            counters.increment("cygnetci.deployments.finished", "Deployments ended", deployment.tenantId(), "status",
                    deployment.status());
        }
    }
}
