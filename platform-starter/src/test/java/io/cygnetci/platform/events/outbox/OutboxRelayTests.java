package io.cygnetci.platform.events.outbox;

import java.time.Duration;

import io.cygnetci.platform.events.config.EventsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayTests {

    @Test
    void whenRoundsKeepFailingThenTheBackoffDoublesFromTheInitialBackoff() {
        OutboxRelay relay = relay(Duration.ofMillis(100), Duration.ofSeconds(10));

        assertThat(relay.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(relay.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(relay.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(relay.backoff(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(relay.backoff(7)).isEqualTo(Duration.ofMillis(6400));
    }

    @Test
    void whenTheBackoffWouldExceedTheMaximumThenItIsCapped() {
        OutboxRelay relay = relay(Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(relay.backoff(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(relay.backoff(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(relay.backoff(6)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void whenKafkaIsDownForVeryManyRoundsThenTheBackoffDoesNotOverflow() {
        OutboxRelay relay = relay(Duration.ofMillis(500), Duration.ofSeconds(30));

        for (int failed : new int[] { 21, 22, 63, 64, 65, 1_000, Integer.MAX_VALUE }) {
            assertThat(relay.backoff(failed)).as("after %d failed rounds", failed).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void whenTheBackoffIsNotConfiguredThenItGrowsFromHalfASecondToThirtySeconds() {
        OutboxRelay relay = new OutboxRelay(null, null, properties(null), new SimpleMeterRegistry());

        assertThat(relay.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(relay.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(relay.backoff(100)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void whenTheBackoffGrowsThenItNeverShrinks() {
        OutboxRelay relay = relay(Duration.ofMillis(300), Duration.ofSeconds(20));

        Duration previous = Duration.ZERO;
        for (int failed = 1; failed <= 100; failed++) {
            Duration backoff = relay.backoff(failed);
            assertThat(backoff).as("after %d failed rounds", failed).isGreaterThanOrEqualTo(previous)
                    .isBetween(Duration.ofMillis(300), Duration.ofSeconds(20));
            previous = backoff;
        }
    }

    private static OutboxRelay relay(Duration initial, Duration max) {
        // backoff(int) needs neither the database nor Kafka
        return new OutboxRelay(null, null, properties(new EventsProperties.Relay(null, null, null, null, initial, max,
                null, null)), new SimpleMeterRegistry());
    }

    private static EventsProperties properties(EventsProperties.Relay relay) {
        return new EventsProperties("/cygnetci/test", null, null, null, relay, null);
    }
}
