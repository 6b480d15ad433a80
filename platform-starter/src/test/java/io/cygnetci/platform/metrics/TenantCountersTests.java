package io.cygnetci.platform.metrics;

import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TenantCountersTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TenantCounters counters = new TenantCounters(meters, new TenantTagPolicy(1));

    @Test
    void whenACounterIsIncrementedAgainThenTheSameMeterCountsPerTenantAndTags() {
        UUID tenant = UUID.randomUUID();
        counters.increment("cygnetci.things", "Things", tenant, "status", "ok");
        counters.increment("cygnetci.things", "Things", tenant, "status", "ok");
        counters.increment("cygnetci.things", "Things", tenant, "status", "bad");

        assertThat(meters.get("cygnetci.things").tag("tenant", tenant.toString()).tag("status", "ok").counter()
                .count()).isEqualTo(2);
        assertThat(meters.get("cygnetci.things").tag("status", "bad").counter().count()).isEqualTo(1);
    }

    @Test
    void whenMoreTenantsCountThanThePolicyTagsThenTheRestShareOther() {
        counters.increment("cygnetci.things", "Things", UUID.randomUUID());
        counters.increment("cygnetci.things", "Things", UUID.randomUUID());
        counters.increment("cygnetci.things", "Things", UUID.randomUUID());

        assertThat(meters.get("cygnetci.things").tag("tenant", "other").counter().count()).isEqualTo(2);
        assertThat(meters.get("cygnetci.things").counters()).hasSize(2);
    }

    @Test
    void whenTagsAreNotInPairsThenItIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> counters.increment("cygnetci.things", "Things",
                UUID.randomUUID(), "status"));
        assertThat(meters.find("cygnetci.things").counters()).isEmpty();
    }
}
