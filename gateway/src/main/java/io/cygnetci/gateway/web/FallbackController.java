package io.cygnetci.gateway.web;

import io.cygnetci.platform.problem.Problem;
import io.cygnetci.platform.problem.web.ProblemResponseWriter;
import io.swagger.v3.oas.annotations.Hidden;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Where a route's circuit breaker sends a request its service cannot answer: 503 problem with Retry-After. */
@Hidden
@RestController
class FallbackController {

    private final ProblemResponseWriter problems;

    FallbackController(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("/__fallback/unavailable")
    Mono<Void> unavailable(ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(exchange, new Problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "The service is unavailable right now; retry shortly.", java.util.Map.of(), headers));
    }
}
