package io.cygnetci.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Maps a validated JWT's claims to a {@link CygnetAuthentication}; a token without a usable subject is refused. */
public class CygnetJwtAuthenticationConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final ClaimNames claims;

    public CygnetJwtAuthenticationConverter(ClaimNames claims) {
        this.claims = claims;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.fromCallable(() -> toAuthentication(jwt));
    }

    CygnetAuthentication toAuthentication(Jwt jwt) {
        UUID userId = uuidClaim(jwt, claims.userId())
                .orElseThrow(() -> new InvalidBearerTokenException("The token has no valid subject."));
        UUID tenantId = uuidClaim(jwt, claims.tenantId()).orElse(null);
        Set<String> roles = new LinkedHashSet<>(stringList(jwt.getClaim(claims.roles())));
        Set<String> scopes = new LinkedHashSet<>(scopes(jwt.getClaim(claims.scope())));
        boolean platformAdmin = roles.contains(Roles.PLATFORM_ADMIN);
        CygnetPrincipal principal = new CygnetPrincipal(userId, jwt.getClaimAsString(claims.email()), tenantId, roles,
                scopes, platformAdmin);
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        scopes.forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        return new CygnetAuthentication(jwt, principal, authorities);
    }

    private static java.util.Optional<UUID> uuidClaim(Jwt jwt, String name) {
        String value = jwt.getClaimAsString(name);
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(UUID.fromString(value));
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidBearerTokenException("The token's " + name + " claim is not a UUID.");
        }
    }

    private static List<String> stringList(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("[\\s,]+"));
        }
        return List.of();
    }

    private static List<String> scopes(Object value) {
        return stringList(value);
    }
}
