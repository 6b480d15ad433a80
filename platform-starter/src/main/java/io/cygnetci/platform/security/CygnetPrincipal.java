package io.cygnetci.platform.security;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who calls: the user, the one tenant their token is scoped to, their roles in it, and whether they operate the
 * platform. Built from the JWT's claims (names configurable, see {@link ClaimNames}).
 */
public record CygnetPrincipal(UUID userId, String email, UUID tenantId, Set<String> roles, Set<String> scopes,
        boolean platformAdmin) {

    public CygnetPrincipal {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    public Optional<UUID> tenant() {
        return Optional.ofNullable(tenantId);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** A build agent's credential: {@link #userId()} is then the agent id. */
    public boolean isAgent() {
        return hasRole(Roles.AGENT);
    }

    /** A tenant admin of the token's tenant, or a platform admin. */
    public boolean canAdminister(UUID tenant) {
        return platformAdmin || (tenant.equals(tenantId) && hasRole(Roles.TENANT_ADMIN));
    }

    /** Any member (any tenant role) of the token's tenant, or a platform admin; never an agent. */
    public boolean canRead(UUID tenant) {
        return platformAdmin || (tenant.equals(tenantId) && roles.stream().anyMatch(Roles.TENANT_ROLES::contains));
    }
}
