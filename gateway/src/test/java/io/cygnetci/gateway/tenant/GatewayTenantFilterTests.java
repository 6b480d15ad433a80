package io.cygnetci.gateway.tenant;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.cygnetci.gateway.config.GatewayProperties;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayTenantFilterTests {

    private final GatewayProperties properties = new GatewayProperties("localhost", List.of("10.0.0.5"), null, null,
            null);
    private final GatewayTenantFilter filter = new GatewayTenantFilter(new TenantDirectory(), properties);

    @Test
    void whenATrustedProxyForwardsThenItsForwardedHeadersAreKeptButTenantHeadersNever() {
        HttpHeaders seen = forwarded("10.0.0.5");
        assertThat(seen.getFirst("X-Forwarded-For")).isEqualTo("203.0.113.7");
        assertThat(seen.getFirst("Forwarded")).isEqualTo("for=203.0.113.7");
        assertThat(seen.containsHeader("X-Tenant-Plan")).isFalse();
    }

    @Test
    void whenAnUntrustedClientSendsForwardedHeadersThenTheyAreRemoved() {
        HttpHeaders seen = forwarded("198.51.100.9");
        assertThat(seen.containsHeader("X-Forwarded-For")).isFalse();
        assertThat(seen.containsHeader("X-Forwarded-Proto")).isFalse();
        assertThat(seen.containsHeader("Forwarded")).isFalse();
        assertThat(seen.containsHeader("X-Tenant-Plan")).isFalse();
    }

    private HttpHeaders forwarded(String from) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/auth/token")
                .remoteAddress(new InetSocketAddress(from, 40000))
                .header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "for=203.0.113.7")
                .header("X-Tenant-Plan", "unlimited"));
        AtomicReference<HttpHeaders> seen = new AtomicReference<>();
        filter.filter(exchange, next -> {
            seen.set(next.getRequest().getHeaders());
            return Mono.empty();
        }).block();
        return seen.get();
    }
}
