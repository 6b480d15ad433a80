package io.cygnetci.platform.security;

/**
 * The JWT claim names the platform reads, configurable so that an external IdP (Keycloak, Auth0, Okta) can issue
 * the tokens ({@code cygnetci.security.claims.*}).
 */
public record ClaimNames(String userId, String email, String tenantId, String roles, String scope) {

    public static ClaimNames defaults() {
        return new ClaimNames("sub", "email", "tid", "roles", "scope");
    }

    public ClaimNames {
        userId = userId == null ? "sub" : userId;
        email = email == null ? "email" : email;
        tenantId = tenantId == null ? "tid" : tenantId;
        roles = roles == null ? "roles" : roles;
        scope = scope == null ? "scope" : scope;
    }
}
