package io.cygnetci.platform.security;

import java.util.Set;

/** The roles a token can carry (DESIGN.md §2). */
public final class Roles {

    public static final String PLATFORM_ADMIN = "platform_admin";
    public static final String TENANT_ADMIN = "tenant_admin";
    public static final String MEMBER = "member";
    public static final String VIEWER = "viewer";

    /** A build agent's credential (issued by agent-service): it acts as that one agent, never as a user. */
    public static final String AGENT = "agent";

    /** The roles a membership can give within one tenant. */
    public static final Set<String> TENANT_ROLES = Set.of(TENANT_ADMIN, MEMBER, VIEWER);

    private Roles() {
    }
}
