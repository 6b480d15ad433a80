package io.cygnetci.gateway.web;

import java.util.concurrent.atomic.AtomicReference;

import io.cygnetci.gateway.config.BenchmarkBaseline;
import io.cygnetci.platform.problem.ApiException;
import io.cygnetci.platform.problem.web.ProblemWebExceptionHandler;
import io.cygnetci.platform.security.CurrentCaller;
import reactor.core.publisher.Mono;

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
        // a refusal (problem) is written by the exception handler after this filter: take its status from the error
        Integer status = failure instanceof ApiException api ? Integer.valueOf(api.status().value())
                : (failure != null || cancelled) && ProblemWebExceptionHandler.clientHasGone(exchange)
                        ? Integer.valueOf(CLIENT_CLOSED_REQUEST)
                : failure != null ? Integer.valueOf(500) : statusOf(exchange.getResponse().getStatusCode());
        AccessLog.write(exchange, user, started, status);
    }

    private static Integer statusOf(HttpStatusCode code) {
        return code == null ? 200 : code.value();
    }
}
