package io.cygnetci.gateway.web;

import io.cygnetci.gateway.config.GatewayProperties;
import io.cygnetci.platform.problem.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/** Refuses request bodies announced larger than {@code cygnetci.gateway.max-body-size} (413), before any work. */
@Component
class BodySizeLimitFilter implements WebFilter, Ordered {

    static final class PayloadTooLargeException extends ApiException {

        PayloadTooLargeException(long max) {
            super(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request body is larger than " + max + " bytes.");
        }
    }

    private final long maxBytes;

    BodySizeLimitFilter(GatewayProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public int getOrder() {
        return -200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        return length > maxBytes ? Mono.error(new PayloadTooLargeException(maxBytes)) : chain.filter(exchange);
    }
}
