package io.cygnetci.platform.metrics;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantTagPolicyTests {

    @Test
    void whenFewerTenantsThanTheBoundThenEachIsTaggedByItsId() {
        TenantTagPolicy policy = new TenantTagPolicy(3);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        assertThat(policy.tagFor(a)).isEqualTo(a.toString());
        assertThat(policy.tagFor(b)).isEqualTo(b.toString());
    }

    @Test
    void whenMoreTenantsThanTheBoundThenLaterOnesAreTaggedOther() {
        TenantTagPolicy policy = new TenantTagPolicy(2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();

        assertThat(policy.tagFor(a)).isEqualTo(a.toString());
        assertThat(policy.tagFor(b)).isEqualTo(b.toString());
        assertThat(policy.tagFor(c)).isEqualTo(TenantTagPolicy.OTHER).isEqualTo("other");
        assertThat(policy.tagFor(d)).isEqualTo(TenantTagPolicy.OTHER);
    }

    @Test
    void whenATenantWasTaggedThenItKeepsItsTagAfterTheBoundIsReached() {
        TenantTagPolicy policy = new TenantTagPolicy(1);
        UUID first = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        policy.tagFor(first);

        assertThat(policy.tagFor(later)).isEqualTo(TenantTagPolicy.OTHER);
        assertThat(policy.tagFor(first)).isEqualTo(first.toString());
        assertThat(policy.tagFor(later)).as("a tenant tagged other stays other").isEqualTo(TenantTagPolicy.OTHER);
    }

    @Test
    void whenThereIsNoTenantThenTheTagIsNone() {
        TenantTagPolicy policy = new TenantTagPolicy(1);

        assertThat(policy.tagFor(null)).isEqualTo(TenantTagPolicy.NONE).isEqualTo("none");
        UUID tenant = UUID.randomUUID();
        assertThat(policy.tagFor(tenant)).as("'none' does not use up the bound").isEqualTo(tenant.toString());
    }

    @Test
    void whenTheBoundIsZeroThenEveryTenantIsOther() {
        assertThat(new TenantTagPolicy(0).tagFor(UUID.randomUUID())).isEqualTo(TenantTagPolicy.OTHER);
    }

    @Test
    void whenManyTenantsArriveConcurrentlyThenTheNumberOfTagValuesStaysBounded() {
        TenantTagPolicy policy = new TenantTagPolicy(10);
        List<UUID> tenants = IntStream.range(0, 2_000).mapToObj(i -> UUID.randomUUID()).toList();

        Set<String> tags = tenants.parallelStream().map(policy::tagFor).collect(Collectors.toSet());

        assertThat(tags).hasSize(11).contains(TenantTagPolicy.OTHER);
        Set<String> tagged = tenants.stream().map(policy::tagFor).filter(tag -> !tag.equals(TenantTagPolicy.OTHER))
                .collect(Collectors.toSet());
        assertThat(tagged).hasSize(10).isSubsetOf(tags);
    }
}
