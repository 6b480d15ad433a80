package io.cygnetci.platform.problem.web;

import io.cygnetci.platform.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/** Answers every unhandled error as problem+json; server errors are logged with their stack, never returned. */
public class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

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
        Problem problem = mapper.map(ex);
        if (mapper.isServerError(problem)) {
            log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), ex);
        }
        return writer.write(exchange, problem);
    }
}
