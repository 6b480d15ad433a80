package io.cygnetci.platform.tenancy;

import java.util.UUID;

import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Copies the Reactor Context's tenant into the MDC while an operator runs (automatic context propagation),
 * so every log line of a request carries {@code tenant_id}. The Reactor Context stays the source of truth.
 */
public class TenantMdcAccessor implements ThreadLocalAccessor<UUID> {

    @Override
    public Object key() {
        return TenantContext.KEY;
    }

    @Override
    public UUID getValue() {
        String value = MDC.get(TenantContext.MDC_KEY);
        return value == null ? null : UUID.fromString(value);
    }

    @Override
    public void setValue(UUID value) {
        MDC.put(TenantContext.MDC_KEY, value.toString());
    }

    @Override
    public void setValue() {
        MDC.remove(TenantContext.MDC_KEY);
    }
}
