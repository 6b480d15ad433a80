package io.cygnetci.gateway.web;

import java.util.concurrent.atomic.AtomicLong;

import io.cygnetci.gateway.config.BenchmarkBaseline;
import io.cygnetci.gateway.config.GatewayProperties;
import io.cygnetci.platform.problem.ApiException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies larger than {@code cygnetci.gateway.max-body-size} (413): at once when the
 * {@code Content-Length} announces it, and while streaming for chunked bodies without one, as soon as the bytes
 * read pass the limit (the downstream request then fails before the service sees a complete body).
 */
@Profile(BenchmarkBaseline.NOT_BASELINE)
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
        if (length > maxBytes) {
            return Mono.error(new PayloadTooLargeException(maxBytes));
        }
        if (length >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong read = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (read.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new PayloadTooLargeException(maxBytes));
                        return;
                    }
                    sink.next(buffer);
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
