package io.cygnetci.gateway.web;

import java.util.Map;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The gateway's actuator (metrics tagged with tenant ids) listens on the management port, which is never
 * published; load balancers and {@code platform-local} still probe the public port, so it answers the health
 * paths itself, from the application's liveness and readiness state, with the status only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class PublicHealthRoutes {

    @Bean
    RouterFunction<ServerResponse> publicHealth(ApplicationAvailability availability) {
        return route(GET("/actuator/health"), request -> status(live(availability) && ready(availability)))
                .andRoute(GET("/actuator/health/liveness"), request -> status(live(availability)))
                .andRoute(GET("/actuator/health/readiness"), request -> status(ready(availability)));
    }

    private static boolean live(ApplicationAvailability availability) {
        return availability.getLivenessState() == LivenessState.CORRECT;
    }

    private static boolean ready(ApplicationAvailability availability) {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    private static Mono<ServerResponse> status(boolean up) {
        return ServerResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", up ? "UP" : "OUT_OF_SERVICE"));
    }
}
