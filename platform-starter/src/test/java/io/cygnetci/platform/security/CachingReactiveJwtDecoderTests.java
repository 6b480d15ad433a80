package io.cygnetci.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class CachingReactiveJwtDecoderTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void whenTheSameTokenComesAgainThenItIsVerifiedOnce() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(
                verifying(token -> Mono.just(jwt(token, clock.instant().plusSeconds(900)))), 100, clock);

        Jwt first = decoder.decode("token-a").block();
        Jwt second = decoder.decode("token-a").block();

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void whenTokensDifferThenEachIsVerified() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(
                verifying(token -> Mono.just(jwt(token, clock.instant().plusSeconds(900)))), 100, clock);

        decoder.decode("token-a").block();
        decoder.decode("token-b").block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void whenACachedTokenExpiresThenItGoesBackToTheDelegate() {
        ReactiveJwtDecoder delegate = verifying(token -> verifications.get() == 1
                ? Mono.just(jwt(token, clock.instant().plusSeconds(60)))
                : Mono.error(new BadJwtException("Jwt expired")));
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(delegate, 100, clock);
        decoder.decode("token-a").block();

        clock.advance(Duration.ofSeconds(61));

        StepVerifier.create(decoder.decode("token-a")).expectError(BadJwtException.class).verify();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void whenVerificationFailsThenNothingIsCachedAndTheNextAttemptVerifiesAgain() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(
                verifying(token -> Mono.error(new BadJwtException("bad signature"))), 100, clock);

        StepVerifier.create(decoder.decode("forged")).expectError(BadJwtException.class).verify();
        StepVerifier.create(decoder.decode("forged")).expectError(BadJwtException.class).verify();

        assertThat(verifications).hasValue(2);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void whenATokenHasNoExpiryThenItIsNeverCached() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(
                verifying(token -> Mono.just(jwt(token, null))), 100, clock);

        decoder.decode("eternal").block();
        decoder.decode("eternal").block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void whenMoreTokensThanTheBoundArriveThenTheCacheStaysBounded() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(
                verifying(token -> Mono.just(jwt(token, clock.instant().plusSeconds(900)))), 10, clock);

        for (int i = 0; i < 100; i++) {
            decoder.decode("token-" + i).block();
        }

        assertThat(decoder.size()).isLessThanOrEqualTo(10);
    }

    private ReactiveJwtDecoder verifying(ReactiveJwtDecoder real) {
        return token -> {
            verifications.incrementAndGet();
            return real.decode(token);
        };
    }

    private Jwt jwt(String token, Instant expiresAt) {
        Jwt.Builder builder = Jwt.withTokenValue(token).header("alg", "RS256").subject("user")
                .issuedAt(clock.instant());
        if (expiresAt != null) {
            builder.expiresAt(expiresAt);
        }
        return builder.build();
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
