package io.cygnetci.platform.tenancy;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The tenant a unit of work runs for. It lives in the Reactor {@link Context} (never a ThreadLocal), so it
 * follows a request across threads; {@link TenantMdcAccessor} mirrors it into the logging MDC.
 */
public final class TenantContext {

    /** Reactor Context key holding the current tenant id ({@link UUID}). */
    public static final String KEY = "cygnetci.tenant_id";

    /** MDC key logs carry the tenant under. */
    public static final String MDC_KEY = "tenant_id";

    private TenantContext() {
    }

    /** The current tenant, or empty when none is set. */
    public static Mono<UUID> current() {
        return Mono.deferContextual(ctx -> Mono.justOrEmpty(from(ctx)));
    }

    /** The current tenant, or an error when the work runs without one. */
    public static Mono<UUID> require() {
        return current().switchIfEmpty(Mono.error(MissingTenantContextException::new));
    }

    public static Optional<UUID> from(ContextView ctx) {
        return ctx.getOrEmpty(KEY);
    }

    /** A context writer that runs the upstream for {@code tenantId}: {@code mono.contextWrite(TenantContext.with(id))}. */
    public static Function<Context, Context> with(UUID tenantId) {
        return ctx -> ctx.put(KEY, tenantId);
    }
}
