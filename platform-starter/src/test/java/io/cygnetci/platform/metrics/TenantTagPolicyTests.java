package io.cygnetci.platform.metrics;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantTagPolicyTests {

    @Test
    void whenMoreTenantsThanTheBoundThenLaterOnesAreTaggedOther() {
        TenantTagPolicy policy = new TenantTagPolicy(2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        assertThat(policy.tagFor(a)).isEqualTo(a.toString());
        assertThat(policy.tagFor(b)).isEqualTo(b.toString());
        assertThat(policy.tagFor(c)).isEqualTo(TenantTagPolicy.OTHER);
        assertThat(policy.tagFor(a)).as("a tenant keeps its tag").isEqualTo(a.toString());
        assertThat(policy.tagFor(null)).isEqualTo(TenantTagPolicy.NONE);
    }
}
