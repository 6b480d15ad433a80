package io.cygnetci.platform.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/** An authenticated JWT whose principal is a {@link CygnetPrincipal}. */
public class CygnetAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

    private final CygnetPrincipal principal;

    public CygnetAuthentication(Jwt jwt, CygnetPrincipal principal, Collection<? extends GrantedAuthority> authorities) {
        super(jwt, principal, jwt, authorities);
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public CygnetPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public java.util.Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return principal.userId().toString();
    }
}
