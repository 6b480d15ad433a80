package io.cygnetci.monitoring.usage.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.monitoring.usage.domain.UsageService;
import io.cygnetci.monitoring.usage.domain.UsageWindows;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's tenant's metered usage: totals per meter, and the records billing receives. */
@RestController
@RequestMapping("/api/v1/usage")
class UsageController {

    private final UsageService usage;

    UsageController(UsageService usage) {
        this.usage = usage;
    }

    @GetMapping
    Mono<TotalsResponse> totals(@RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        return usage.totals(from, to).map(t -> new TotalsResponse(t.tenantId(), t.from(), t.to(), t.meters().stream()
                .map(m -> new MeterResponse(m.meter().id(), m.meter().unit(), m.quantity(), m.windows())).toList()));
    }

    @GetMapping("/records")
    Mono<Map<String, List<RecordResponse>>> records(@RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        return usage.records(from, to).map(list -> Map.of("items", list.stream().map(RecordResponse::of).toList()));
    }

    record TotalsResponse(UUID tenantId, Instant from, Instant to, List<MeterResponse> meters) {
    }

    record MeterResponse(String meter, String unit, BigDecimal quantity, long windows) {
    }

    /** @param published whether the record has gone to {@code cygnetci.usage.v1} (its window closed) */
    record RecordResponse(UUID recordId, String meter, String unit, BigDecimal quantity, Instant windowStart,
            Instant windowEnd, boolean published) {

        static RecordResponse of(UsageWindows.UsageWindow w) {
            return new RecordResponse(w.recordId(), w.meter().id(), w.meter().unit(), w.quantity(), w.start(),
                    w.end(), w.publishedAt() != null);
        }
    }
}
