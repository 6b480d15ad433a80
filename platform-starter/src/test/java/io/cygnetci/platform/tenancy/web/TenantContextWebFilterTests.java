package io.cygnetci.platform.tenancy.web;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.security.CygnetAuthentication;
import io.cygnetci.platform.security.CygnetPrincipal;
import io.cygnetci.platform.tenancy.TenantAccessPolicy;
import io.cygnetci.platform.tenancy.TenantContext;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class TenantContextWebFilterTests {

    private final UUID tenant = UUID.randomUUID();
    private final AtomicInteger chainRuns = new AtomicInteger();
    private final List<UUID> seenTenants = new CopyOnWriteArrayList<>();

    private final WebFilterChain chain = exchange -> TenantContext.current()
            .doOnNext(seenTenants::add)
            .then(Mono.fromRunnable(chainRuns::incrementAndGet));

    @Test
    void whenTokenHasTenantThenChainRunsOnceWithIt() {
        run(new TenantContextWebFilter(TenantAccessPolicy.allowAll()), principal(tenant, false), null)
                .verifyComplete();
        assertThat(chainRuns).hasValue(1);
        assertThat(seenTenants).containsExactly(tenant);
    }

    @Test
    void whenAnonymousThenChainRunsOnceWithoutTenant() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
        StepVerifier.create(new TenantContextWebFilter(TenantAccessPolicy.allowAll()).filter(exchange, chain))
                .verifyComplete();
        assertThat(chainRuns).hasValue(1);
        assertThat(seenTenants).isEmpty();
    }

    @Test
    void whenHeaderNamesAnotherTenantThenForbiddenUnlessPlatformAdmin() {
        UUID other = UUID.randomUUID();
        run(new TenantContextWebFilter(TenantAccessPolicy.allowAll()), principal(tenant, false), other.toString())
                .verifyError(ForbiddenException.class);
        assertThat(chainRuns).hasValue(0);
        run(new TenantContextWebFilter(TenantAccessPolicy.allowAll()), principal(tenant, true), other.toString())
                .verifyComplete();
        assertThat(seenTenants).containsExactly(other);
    }

    @Test
    void whenHeaderIsNotAUuidThenBadRequest() {
        run(new TenantContextWebFilter(TenantAccessPolicy.allowAll()), principal(tenant, false), "acme")
                .verifyError(BadRequestException.class);
    }

    @Test
    void whenTenantIsDeactivatedThenForbidden() {
        run(new TenantContextWebFilter(id -> Mono.just(false)), principal(tenant, false), null)
                .verifyErrorMessage("The tenant is deactivated.");
        assertThat(chainRuns).hasValue(0);
    }

    private StepVerifier.FirstStep<Void> run(TenantContextWebFilter filter, CygnetAuthentication auth, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/x");
        if (header != null) {
            request.header(TenantContextWebFilter.TENANT_HEADER, header);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        return StepVerifier.create(filter.filter(exchange, chain)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(auth)));
    }

    private static CygnetAuthentication principal(UUID tenant, boolean platformAdmin) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(UUID.randomUUID().toString()).build();
        CygnetPrincipal principal = new CygnetPrincipal(UUID.fromString(jwt.getSubject()), "u@x.test", tenant,
                Set.of("member"), Set.of("api"), platformAdmin);
        return new CygnetAuthentication(jwt, principal, List.of());
    }
}
