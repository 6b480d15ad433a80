package io.cygnetci.gateway.web;

import java.util.UUID;

import io.cygnetci.platform.tenancy.TenantContext;
import io.cygnetci.platform.tenancy.web.TenantContextWebFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The access-log line: tenant id, user id, route, method, path, status and latency as structured fields. Never the
 * query string or any header: credentials stay out.
 */
public final class AccessLog {

    private static final Logger log = LoggerFactory.getLogger("io.cygnetci.gateway.access");

    private AccessLog() {
    }

    /** @param startedNanos {@link System#nanoTime()} when the request arrived */
    public static void write(ServerWebExchange exchange, String user, long startedNanos, int status) {
        Object tenant = exchange.getAttribute(TenantContextWebFilter.TENANT_ATTRIBUTE);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        LoggingEventBuilder line = log.atInfo();
        // the MDC carries tenant_id whenever the request has a tenant; a duplicate key would break the JSON line
        if (MDC.get(TenantContext.MDC_KEY) == null) {
            line = line.addKeyValue("tenant_id", tenant instanceof UUID id ? id.toString() : "-");
        }
        line.addKeyValue("user_id", user)
                .addKeyValue("route", route == null ? "-" : route.getId())
                .addKeyValue("method", exchange.getRequest().getMethod().name())
                .addKeyValue("path", exchange.getRequest().getPath().value())
                .addKeyValue("status", status)
                .addKeyValue("latency_ms", (System.nanoTime() - startedNanos) / 1_000_000.0)
                .log("access");
    }
}
