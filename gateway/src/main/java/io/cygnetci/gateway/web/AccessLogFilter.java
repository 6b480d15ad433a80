package io.cygnetci.gateway.web;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.cygnetci.gateway.config.BenchmarkBaseline;
import io.cygnetci.platform.problem.ApiException;
import io.cygnetci.platform.problem.web.ProblemWebExceptionHandler;
import io.cygnetci.platform.security.CurrentCaller;
import io.cygnetci.platform.tenancy.web.TenantContextWebFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One access-log line per request, written when the filter chain completes, with tenant id, user id, route, method,
 * path, status and latency as structured fields. Never the query string or any header: credentials stay out.
 */
@Profile(BenchmarkBaseline.NOT_BASELINE)
@Component
class AccessLogFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("io.cygnetci.gateway.access");
    private static final int CLIENT_CLOSED_REQUEST = 499;

    @Override
    public int getOrder() {
        // after tenant resolution (-60), before the rate limiter (-55): refusals are logged too
        return -58;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        return CurrentCaller.principal().map(p -> p.userId().toString()).defaultIfEmpty("-")
                .flatMap(user -> chain.filter(exchange)
                        .doOnError(failure::set)
                        .doFinally(signal -> write(exchange, user, started, failure.get(),
                                signal == reactor.core.publisher.SignalType.CANCEL)));
    }

    private static void write(ServerWebExchange exchange, String user, long started, Throwable failure,
            boolean cancelled) {
        Object tenant = exchange.getAttribute(TenantContextWebFilter.TENANT_ATTRIBUTE);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        // a refusal (problem) is written by the exception handler after this filter: take its status from the error
        Integer status = failure instanceof ApiException api ? Integer.valueOf(api.status().value())
                : (failure != null || cancelled) && ProblemWebExceptionHandler.clientHasGone(exchange)
                        ? Integer.valueOf(CLIENT_CLOSED_REQUEST)
                : failure != null ? Integer.valueOf(500) : statusOf(exchange.getResponse().getStatusCode());
        org.slf4j.spi.LoggingEventBuilder line = log.atInfo();
        // the MDC carries tenant_id whenever the request has a tenant; a duplicate key would break the JSON line
        if (org.slf4j.MDC.get(io.cygnetci.platform.tenancy.TenantContext.MDC_KEY) == null) {
            line = line.addKeyValue("tenant_id", tenant instanceof UUID id ? id.toString() : "-");
        }
        line.addKeyValue("user_id", user)
                .addKeyValue("route", route == null ? "-" : route.getId())
                .addKeyValue("method", exchange.getRequest().getMethod().name())
                .addKeyValue("path", exchange.getRequest().getPath().value())
                .addKeyValue("status", status)
                .addKeyValue("latency_ms", (System.nanoTime() - started) / 1_000_000.0)
                .log("access");
    }

    private static Integer statusOf(HttpStatusCode code) {
        return code == null ? 200 : code.value();
    }
}
