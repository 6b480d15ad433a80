package io.cygnetci.release.environment.domain;

import java.time.Instant;

/** A window in which no deployment starts in an environment; {@code from} null: from now on. */
public record Freeze(Instant from, Instant until, String reason) {

    public boolean covers(Instant instant) {
        return (from == null || !instant.isBefore(from)) && instant.isBefore(until);
    }
}
