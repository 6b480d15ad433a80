package io.cygnetci.platform.data;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.r2dbc.spi.Readable;

import org.springframework.r2dbc.core.Parameter;

/** Reading and binding {@code timestamptz} columns as {@link Instant}s, null-safe. */
public final class Rows {

    private Rows() {
    }

    public static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A bind value for a {@code timestamptz} parameter that may be null. */
    public static Parameter timestamp(Instant instant) {
        return Parameter.fromOrEmpty(instant == null ? null : instant.atOffset(ZoneOffset.UTC), OffsetDateTime.class);
    }
}
