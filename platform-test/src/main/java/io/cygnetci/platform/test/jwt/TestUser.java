package io.cygnetci.platform.test.jwt;

import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;

/** A user of one tenant with one role, whose tokens the test issuer signs (the same user id in every token). */
public record TestUser(UUID id, UUID tenant, String role, String issuer) {

    /** A new user of {@code tenant} with {@code role}, issued by {@code issuer}. */
    public static TestUser of(String issuer, UUID tenant, String role) {
        return new TestUser(UUID.randomUUID(), tenant, role, issuer);
    }

    public String token() {
        return new TestJwts(issuer).user(id).tenant(tenant).roles(role).sign();
    }

    /** Sets the bearer token on a request. */
    public Consumer<HttpHeaders> auth() {
        return headers -> headers.setBearerAuth(token());
    }
}
