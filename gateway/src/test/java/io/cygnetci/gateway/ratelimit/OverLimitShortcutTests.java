package io.cygnetci.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.cygnetci.gateway.tenant.TenantDirectory;
import io.cygnetci.gateway.tenant.TenantEntry;
import io.cygnetci.platform.problem.web.ProblemResponseWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class OverLimitShortcutTests {

    private static final String TOKEN = "Bearer header.payload.signature";

    private final UUID tenant = UUID.randomUUID();
    private final TenantDirectory directory = new TenantDirectory();
    private final Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final AtomicReference<Instant> time = new AtomicReference<>(now);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Counter rejected = Counter.builder("rejected").register(new SimpleMeterRegistry());
    private final AtomicInteger passedOn = new AtomicInteger();
    private final WebFilterChain chain = exchange -> {
        passedOn.incrementAndGet();
        return Mono.empty();
    };
    private OverLimitShortcut shortcut;

    @BeforeEach
    void setUp() {
        directory.put(new TenantEntry(tenant, "acme", true, 3));
        shortcut = new OverLimitShortcut(directory, new BucketKinds(List.of("/api/v1/jobs/**")),
                new UrlBasedCorsConfigurationSource(), new ProblemResponseWriter(JsonMapper.builder().build()),
                new SettableClock(), 100, nanos::get);
    }

    @Test
    void whenCredentialsWereNeverRefusedThenTheRequestTakesTheFullPath() {
        MockServerWebExchange exchange = send(request());
        assertThat(passedOn).hasValue(1);
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    @Test
    void whenTheLimiterRefusedTheseCredentialsThenTheNextRequestIsRefusedAsItWouldBe() {
        refuse(request(), 20_000, now.plusSeconds(300));

        MockServerWebExchange exchange = send(request());

        assertThat(passedOn).hasValue(1); // only the refused request itself
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("20");
        assertThat(exchange.getResponse().getHeaders().getFirst("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(exchange.getResponse().getHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"type\":\"https://cygnetci.io/problems/too-many-requests\"")
                .contains("\"detail\":\"" + RateLimitFilter.REFUSAL_DETAIL + "\"")
                .contains("\"instance\":\"/api/v1/pipelines\"");
        assertThat(rejected.count()).isEqualTo(1);
    }

    @Test
    void whenTheNextTokenIsDueThenTheRequestTakesTheFullPathAgain() {
        refuse(request(), 30, now.plusSeconds(300));
        nanos.addAndGet(29_000_000);
        send(request());
        assertThat(passedOn).hasValue(1);

        nanos.addAndGet(1_000_000);
        send(request());
        assertThat(passedOn).hasValue(2);
    }

    @Test
    void whenOtherCredentialsHostOrTenantHeaderAreSentThenTheyAreNotRefusedForThem() {
        refuse(request(), 20_000, now.plusSeconds(300));

        send(MockServerHttpRequest.get("/api/v1/pipelines").header("Authorization", "Bearer another.token.here"));
        send(request().header("X-Tenant-ID", "acme"));
        send(request().header("Host", "acme.cygnetci.example"));
        send(MockServerHttpRequest.post("/api/v1/jobs/claim").header("Authorization", TOKEN));

        assertThat(passedOn).hasValue(5);
    }

    @Test
    void whenTheTenantIsDeactivatedOrItsPlanChangedThenTheFullPathDecides() {
        refuse(request(), 20_000, now.plusSeconds(300));
        directory.put(new TenantEntry(tenant, "acme", false, 3));
        send(request());
        assertThat(passedOn).hasValue(2);

        refuse(request(), 20_000, now.plusSeconds(300));
        directory.put(new TenantEntry(tenant, "acme", true, 600));
        send(request());
        assertThat(passedOn).hasValue(4);
    }

    @Test
    void whenTheTokenHasExpiredThenTheFullPathDecides() {
        refuse(request(), 20_000, now.plusSeconds(1));
        time.set(now.plusSeconds(2));
        send(request());
        assertThat(passedOn).hasValue(2);
    }

    @Test
    void whenARequestCarriesNoCredentialsThenItIsNeverRememberedOrRefusedHere() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/pipelines"));
        shortcut.filter(exchange, chain).block();
        shortcut.remember(exchange, decision(20_000), tenant, 3, rejected, "user", now.plusSeconds(300));
        assertThat(shortcut.size()).isZero();
    }

    private MockServerHttpRequest.BaseBuilder<?> request() {
        return MockServerHttpRequest.get("/api/v1/pipelines").header("Authorization", TOKEN);
    }

    /** The request passes the shortcut, and the limiter refuses it with a token due in {@code retryMillis}. */
    private void refuse(MockServerHttpRequest.BaseBuilder<?> request, long retryMillis, Instant tokenExpiresAt) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        shortcut.filter(exchange, next -> {
            passedOn.incrementAndGet();
            shortcut.remember(next, decision(retryMillis), tenant, 3, rejected, "user", tokenExpiresAt);
            return Mono.empty();
        }).block();
    }

    private MockServerWebExchange send(MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        shortcut.filter(exchange, chain).block(Duration.ofSeconds(5));
        return exchange;
    }

    private static RateLimitDecision decision(long retryMillis) {
        return new RateLimitDecision(false, 3, 0, 60, Math.max(1, (retryMillis + 999) / 1000), retryMillis);
    }

    private final class SettableClock extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return time.get();
        }
    }
}
