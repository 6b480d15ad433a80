package io.cygnetci.platform.security;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jwt.JWTParser;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Trusts several issuers (tenant-service for users, agent-service for agents, an external IdP): reads the
 * unverified {@code iss} only to choose the decoder that then verifies signature, issuer and lifetime. A token
 * of an issuer outside the map is refused without any key lookup.
 */
public class IssuerRoutingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final Map<String, ReactiveJwtDecoder> decoders;

    public IssuerRoutingReactiveJwtDecoder(Map<String, ReactiveJwtDecoder> decodersByIssuer) {
        this.decoders = Map.copyOf(decodersByIssuer);
    }

    @Override
    public Mono<Jwt> decode(String token) {
        String issuer;
        try {
            issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        }
        catch (ParseException | RuntimeException ex) {
            return Mono.error(new BadJwtException("Malformed token"));
        }
        ReactiveJwtDecoder decoder = issuer == null ? null : decoders.get(issuer);
        if (decoder == null) {
            return Mono.error(new BadJwtException("The token's issuer is not trusted"));
        }
        return decoder.decode(token);
    }
}
