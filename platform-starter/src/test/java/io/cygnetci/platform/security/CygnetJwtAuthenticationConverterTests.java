package io.cygnetci.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CygnetJwtAuthenticationConverterTests {

    private final CygnetJwtAuthenticationConverter converter = new CygnetJwtAuthenticationConverter(ClaimNames.defaults());

    private final UUID user = UUID.randomUUID();
    private final UUID tenant = UUID.randomUUID();

    @Test
    void whenTokenHasTheDefaultClaimsThenThePrincipalCarriesThem() {
        Jwt jwt = token().subject(user.toString()).claim("email", "ada@acme.test").claim("tid", tenant.toString())
                .claim("roles", List.of("tenant_admin")).claim("scope", "api read").build();

        CygnetAuthentication auth = converter.toAuthentication(jwt);

        CygnetPrincipal principal = auth.getPrincipal();
        assertThat(principal.userId()).isEqualTo(user);
        assertThat(principal.email()).isEqualTo("ada@acme.test");
        assertThat(principal.tenantId()).isEqualTo(tenant);
        assertThat(principal.tenant()).contains(tenant);
        assertThat(principal.roles()).containsExactly("tenant_admin");
        assertThat(principal.scopes()).containsExactlyInAnyOrder("api", "read");
        assertThat(principal.platformAdmin()).isFalse();
        assertThat(principal.canAdminister(tenant)).isTrue();
        assertThat(principal.canAdminister(UUID.randomUUID())).isFalse();
        assertThat(auth.getName()).isEqualTo(user.toString());
        assertThat(auth.isAuthenticated()).isTrue();
        assertThat(auth.getToken()).isSameAs(jwt);
    }

    @Test
    void whenTokenHasRolesAndScopesThenAuthoritiesAreRoleAndScopePrefixed() {
        Jwt jwt = token().subject(user.toString()).claim("tid", tenant.toString())
                .claim("roles", List.of("member", "viewer")).claim("scope", "api read").build();

        CygnetAuthentication auth = converter.toAuthentication(jwt);

        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_member", "ROLE_viewer", "SCOPE_api", "SCOPE_read");
    }

    @Test
    void whenTokenCarriesPlatformAdminThenThePrincipalIsAPlatformAdmin() {
        Jwt jwt = token().subject(user.toString()).claim("tid", tenant.toString())
                .claim("roles", List.of("viewer", "platform_admin")).build();

        CygnetAuthentication auth = converter.toAuthentication(jwt);

        CygnetPrincipal principal = auth.getPrincipal();
        assertThat(principal.platformAdmin()).isTrue();
        assertThat(principal.canAdminister(UUID.randomUUID())).isTrue();
        assertThat(principal.canRead(UUID.randomUUID())).isTrue();
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_platform_admin", "ROLE_viewer");
    }

    @Test
    void whenTokenIsAMembersThenItMayReadOnlyItsOwnTenant() {
        Jwt jwt = token().subject(user.toString()).claim("tid", tenant.toString()).claim("roles", "member").build();

        CygnetPrincipal principal = converter.toAuthentication(jwt).getPrincipal();

        assertThat(principal.platformAdmin()).isFalse();
        assertThat(principal.canRead(tenant)).isTrue();
        assertThat(principal.canRead(UUID.randomUUID())).isFalse();
        assertThat(principal.canAdminister(tenant)).isFalse();
    }

    @Test
    void whenTokenIsAnAgentCredentialThenItMayNeitherReadNorAdministerItsTenant() {
        Jwt jwt = token().subject(user.toString()).claim("tid", tenant.toString()).claim("roles", List.of("agent"))
                .build();

        CygnetPrincipal principal = converter.toAuthentication(jwt).getPrincipal();

        assertThat(principal.isAgent()).isTrue();
        assertThat(principal.tenantId()).isEqualTo(tenant);
        assertThat(principal.canRead(tenant)).isFalse();
        assertThat(principal.canAdminister(tenant)).isFalse();
    }

    @Test
    void whenRolesAreOneSeparatedStringThenEachRoleIsRead() {
        Jwt jwt = token().subject(user.toString()).claim("roles", "member, viewer").build();

        assertThat(converter.toAuthentication(jwt).getPrincipal().roles()).containsExactlyInAnyOrder("member", "viewer");
    }

    @Test
    void whenTokenHasNoTenantThenThePrincipalHasNone() {
        Jwt jwt = token().subject(user.toString()).build();

        CygnetAuthentication auth = converter.toAuthentication(jwt);

        assertThat(auth.getPrincipal().tenantId()).isNull();
        assertThat(auth.getPrincipal().tenant()).isEmpty();
        assertThat(auth.getPrincipal().roles()).isEmpty();
        assertThat(auth.getAuthorities()).isEmpty();
    }

    @Test
    void whenClaimNamesAreConfiguredThenAnExternalIdpsTokenIsRead() {
        Jwt jwt = token().subject("keycloak-internal-id")
                .claim("user_uuid", user.toString()).claim("mail", "ada@acme.test").claim("tenant", tenant.toString())
                .claim("groups", List.of("tenant_admin")).claim("scp", List.of("api", "write"))
                // the default names carry other values and must be ignored
                .claim("tid", UUID.randomUUID().toString()).claim("roles", List.of("platform_admin"))
                .build();
        ClaimNames names = new ClaimNames("user_uuid", "mail", "tenant", "groups", "scp");

        CygnetAuthentication auth = new CygnetJwtAuthenticationConverter(names).toAuthentication(jwt);

        CygnetPrincipal principal = auth.getPrincipal();
        assertThat(principal.userId()).isEqualTo(user);
        assertThat(principal.email()).isEqualTo("ada@acme.test");
        assertThat(principal.tenantId()).isEqualTo(tenant);
        assertThat(principal.roles()).containsExactly("tenant_admin");
        assertThat(principal.platformAdmin()).isFalse();
        assertThat(auth.getName()).isEqualTo(user.toString());
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_tenant_admin", "SCOPE_api", "SCOPE_write");
    }

    @Test
    void whenClaimNamesAreLeftOutThenTheDefaultsApply() {
        assertThat(new ClaimNames(null, null, null, null, null)).isEqualTo(ClaimNames.defaults());
        assertThat(new ClaimNames(null, null, "tenant", null, null).tenantId()).isEqualTo("tenant");
    }

    @Test
    void whenSubjectIsNotAUuidThenTheTokenIsRefused() {
        Jwt jwt = token().subject("alice").claim("tid", tenant.toString()).build();

        assertThatThrownBy(() -> converter.toAuthentication(jwt)).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void whenSubjectIsMissingThenTheTokenIsRefused() {
        Jwt jwt = token().claim("tid", tenant.toString()).build();

        assertThatThrownBy(() -> converter.toAuthentication(jwt)).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void whenTenantClaimIsNotAUuidThenTheTokenIsRefused() {
        Jwt jwt = token().subject(user.toString()).claim("tid", "acme").build();

        assertThatThrownBy(() -> converter.toAuthentication(jwt)).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void whenConvertedReactivelyThenTheAuthenticationIsEmittedOrTheTokenRefused() {
        Jwt good = token().subject(user.toString()).claim("tid", tenant.toString()).build();
        Jwt bad = token().subject("alice").build();

        StepVerifier.create(converter.convert(good))
                .assertNext(auth -> assertThat(auth).isInstanceOfSatisfying(CygnetAuthentication.class,
                        cygnet -> assertThat(cygnet.getPrincipal().tenantId()).isEqualTo(tenant)))
                .verifyComplete();
        StepVerifier.create(converter.convert(bad)).verifyError(InvalidBearerTokenException.class);
    }

    private static Jwt.Builder token() {
        Instant now = Instant.now();
        return Jwt.withTokenValue("token").header("alg", "RS256").issuedAt(now).expiresAt(now.plusSeconds(600));
    }
}
