package io.cygnetci.monitoring.statistics.web;

import java.util.UUID;

import io.cygnetci.monitoring.statistics.domain.StatisticsService;
import io.cygnetci.monitoring.statistics.domain.TenantStatistics;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's numbers for one tenant, built from the platform's events. */
@RestController
class StatisticsController {

    private final StatisticsService statistics;

    StatisticsController(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/api/v1/tenants/{id}/statistics")
    Mono<TenantStatistics> get(@PathVariable UUID id) {
        return statistics.of(id);
    }
}
