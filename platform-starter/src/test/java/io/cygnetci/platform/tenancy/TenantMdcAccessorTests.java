package io.cygnetci.platform.tenancy;

import java.time.Duration;
import java.util.UUID;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

class TenantMdcAccessorTests {

    @BeforeAll
    static void enablePropagation() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new TenantMdcAccessor());
        Hooks.enableAutomaticContextPropagation();
    }

    @AfterAll
    static void disablePropagation() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void whenTenantIsInTheReactorContextThenTheMdcCarriesItOnEveryThread() {
        UUID tenant = UUID.randomUUID();
        String seen = Mono.delay(Duration.ofMillis(5))
                .publishOn(Schedulers.boundedElastic())
                .map(tick -> String.valueOf(MDC.get(TenantContext.MDC_KEY)))
                .contextWrite(TenantContext.with(tenant))
                .block(Duration.ofSeconds(5));
        assertThat(seen).isEqualTo(tenant.toString());
        assertThat(MDC.get(TenantContext.MDC_KEY)).isNull();
    }

    @Test
    void whenNoTenantIsSetThenRequireFailsAndCurrentIsEmpty() {
        assertThat(TenantContext.current().blockOptional()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TenantContext.require().block())
                .isInstanceOf(MissingTenantContextException.class);
    }
}
