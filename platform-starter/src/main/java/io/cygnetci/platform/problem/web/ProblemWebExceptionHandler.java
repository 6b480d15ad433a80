package io.cygnetci.platform.problem.web;

import io.cygnetci.platform.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/** Answers every unhandled error as problem+json; server errors are logged with their stack, never returned. */
public class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    private static final HttpStatusCode CLIENT_CLOSED_REQUEST = HttpStatusCode.valueOf(499);

    private final ProblemExceptionMapper mapper;
    private final ProblemResponseWriter writer;

    public ProblemWebExceptionHandler(ProblemExceptionMapper mapper, ProblemResponseWriter writer) {
        this.mapper = mapper;
        this.writer = writer;
    }

    @Override
    public int getOrder() {
        // before Spring Boot's DefaultErrorWebExceptionHandler (-1)
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (clientHasGone(exchange)) {
            // nobody to answer: not a server error (nginx's 499 in the access log and metrics), nothing to write
            log.debug("Client closed the connection during {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), ex.toString());
            exchange.getResponse().setStatusCode(CLIENT_CLOSED_REQUEST);
            return Mono.empty();
        }
        Problem problem = mapper.map(ex);
        if (mapper.isServerError(problem)) {
            log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), ex);
        }
        return writer.write(exchange, problem);
    }

    /** Whether the client's connection is closed: nobody is left to answer (logged as 499, nginx's code). */
    public static boolean clientHasGone(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return nativeRequest instanceof Connection connection && connection.isDisposed();
    }
}
