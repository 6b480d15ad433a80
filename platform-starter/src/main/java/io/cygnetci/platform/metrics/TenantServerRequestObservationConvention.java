package io.cygnetci.platform.metrics;

import java.util.UUID;

import io.cygnetci.platform.tenancy.web.TenantContextWebFilter;
import io.micrometer.common.KeyValues;

import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/** Adds the bounded {@code tenant} tag to HTTP server request metrics and traces. */
public class TenantServerRequestObservationConvention extends DefaultServerRequestObservationConvention {

    private final TenantTagPolicy policy;

    public TenantServerRequestObservationConvention(TenantTagPolicy policy) {
        this.policy = policy;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        Object tenant = context.getAttributes().get(TenantContextWebFilter.TENANT_ATTRIBUTE);
        return super.getLowCardinalityKeyValues(context)
                .and(TenantTagPolicy.TAG, policy.tagFor(tenant instanceof UUID id ? id : null));
    }
}
