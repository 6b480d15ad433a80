package io.cygnetci.tenant.user.domain;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** BCrypt costs ~100 ms of CPU: hash and verify on bounded-elastic threads, never on an event loop. */
@Component
public class PasswordHasher {

    // a real hash of a random password: verifying unknown emails costs as much as known ones
    private static final String DUMMY_HASH = "$2a$10$7EqJtq98hPqEX7fNZaFWoO5Y1uZ3K3XH1l1zq2Y4lJvLkVqB0Qm1a";

    private final PasswordEncoder encoder;

    public PasswordHasher(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    public Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> encoder.matches(password, hash == null ? DUMMY_HASH : hash) && hash != null)
                .subscribeOn(Schedulers.boundedElastic());
    }
}
