package io.cygnetci.platform.tenancy;

import java.util.Optional;

import reactor.core.publisher.Mono;

/** Facts about the HTTP request a unit of work serves, for audit records; kept in the Reactor Context. */
public record RequestMetadata(String clientAddress, String userAgent) {

    public static final String KEY = "cygnetci.request_metadata";

    public static Mono<RequestMetadata> current() {
        return Mono.deferContextual(ctx -> Mono.justOrEmpty(ctx.<RequestMetadata>getOrEmpty(KEY)))
                .defaultIfEmpty(new RequestMetadata(null, null));
    }

    public Optional<String> client() {
        return Optional.ofNullable(clientAddress);
    }
}
