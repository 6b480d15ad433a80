package io.cygnetci.monitoring.usage.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.security.Access;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * A tenant's metered usage over a period, as billing will see it: the windows starting in {@code [from, to)}. Tenant
 * admins (and platform admins) read it; default period: the last 30 days.
 */
@Service
public class UsageService {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final UsageWindows windows;
    private final Clock clock;

    public UsageService(UsageWindows windows, Clock clock) {
        this.windows = windows;
        this.clock = clock;
    }

    public Mono<UsageTotals> totals(Instant from, Instant to) {
        return Mono.fromCallable(() -> Period.of(from, to, clock.instant())).flatMap(period -> Access
                .currentTenantAdmin().flatMap(caller -> windows.totals(period.from(), period.to()).collectList()
                        .map(rows -> {
                            Map<Meter, UsageWindows.MeterTotal> byMeter = rows.stream().collect(Collectors.toMap(
                                    UsageWindows.MeterTotal::meter, Function.identity()));
                            List<UsageWindows.MeterTotal> all = Arrays.stream(Meter.values())
                                    .map(m -> byMeter.getOrDefault(m, new UsageWindows.MeterTotal(m,
                                            BigDecimal.ZERO.setScale(3), 0)))
                                    .toList();
                            return new UsageTotals(caller.tenantId(), period.from(), period.to(), all);
                        })));
    }

    public Mono<List<UsageWindows.UsageWindow>> records(Instant from, Instant to) {
        return Mono.fromCallable(() -> Period.of(from, to, clock.instant())).flatMap(period -> Access
                .currentTenantAdmin().then(windows.list(period.from(), period.to()).collectList()));
    }

    /** Per-meter totals of one tenant over a period. */
    public record UsageTotals(UUID tenantId, Instant from, Instant to, List<UsageWindows.MeterTotal> meters) {
    }

    private record Period(Instant from, Instant to) {

        static Period of(Instant from, Instant to, Instant now) {
            Instant end = to == null ? now : to;
            Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
            if (!start.isBefore(end)) {
                throw BadRequestException.field("from", "must be before to");
            }
            if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
                throw BadRequestException.field("to", "must be at most 366 days after from");
            }
            return new Period(start, end);
        }
    }
}
