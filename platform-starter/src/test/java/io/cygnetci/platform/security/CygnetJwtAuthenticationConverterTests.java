package io.cygnetci.platform.security;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CygnetJwtAuthenticationConverterTests {

    @Test
    void whenTokenHasTheDefaultClaimsThenThePrincipalCarriesThem() {
        UUID user = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(user.toString())
                .claim("email", "a@b.test").claim("tid", tenant.toString())
                .claim("roles", List.of("tenant_admin", "platform_admin")).claim("scope", "api read").build();
        CygnetAuthentication auth = new CygnetJwtAuthenticationConverter(ClaimNames.defaults()).toAuthentication(jwt);
        CygnetPrincipal principal = auth.getPrincipal();
        assertThat(principal.userId()).isEqualTo(user);
        assertThat(principal.tenantId()).isEqualTo(tenant);
        assertThat(principal.platformAdmin()).isTrue();
        assertThat(principal.canAdminister(tenant)).isTrue();
        assertThat(auth.getAuthorities()).extracting("authority")
                .contains("ROLE_tenant_admin", "ROLE_platform_admin", "SCOPE_api", "SCOPE_read");
        assertThat(auth.getName()).isEqualTo(user.toString());
    }

    @Test
    void whenClaimNamesAreConfiguredThenAnExternalIdpsTokenIsRead() {
        UUID user = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("keycloak-internal-id")
                .claim("user_uuid", user.toString()).claim("tenant", tenant.toString())
                .claim("groups", "member").build();
        ClaimNames names = new ClaimNames("user_uuid", "mail", "tenant", "groups", "scp");
        CygnetPrincipal principal = new CygnetJwtAuthenticationConverter(names).toAuthentication(jwt).getPrincipal();
        assertThat(principal.userId()).isEqualTo(user);
        assertThat(principal.tenantId()).isEqualTo(tenant);
        assertThat(principal.roles()).containsExactly("member");
        assertThat(principal.platformAdmin()).isFalse();
        assertThat(principal.canAdminister(tenant)).isFalse();
        assertThat(principal.canRead(UUID.randomUUID())).isFalse();
    }

    @Test
    void whenSubjectIsNotAUuidThenTheTokenIsRefused() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice").build();
        assertThatThrownBy(() -> new CygnetJwtAuthenticationConverter(ClaimNames.defaults()).toAuthentication(jwt))
                .isInstanceOf(InvalidBearerTokenException.class);
    }
}
