package io.cygnetci.platform.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;

/** Reads the caller of the current request from the reactive security context. */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    /** The caller, or empty for an anonymous request. */
    public static Mono<CygnetPrincipal> principal() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication())
                .filter(auth -> auth.getPrincipal() instanceof CygnetPrincipal)
                .map(auth -> (CygnetPrincipal) auth.getPrincipal());
    }

    /** The caller's verified token with its principal (e.g. to read the token id), or empty when anonymous. */
    public static Mono<CygnetAuthentication> authentication() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication())
                .filter(CygnetAuthentication.class::isInstance)
                .map(CygnetAuthentication.class::cast);
    }

    /** The caller; an anonymous request errors (it should never reach code that needs one). */
    public static Mono<CygnetPrincipal> require() {
        return principal().switchIfEmpty(Mono.error(() -> new IllegalStateException("No authenticated caller")));
    }
}
