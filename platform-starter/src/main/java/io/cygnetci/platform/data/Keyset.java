package io.cygnetci.platform.data;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;

/**
 * Keyset pagination over {@code (created_at desc, <id> desc)}: put {@link #after(String)} into the WHERE clause
 * and {@link #ORDER_AND_LIMIT} (or your own order with {@code limit :limit}) at the end, then {@link #bind} the page.
 */
public final class Keyset {

    /** Orders newest first and fetches one row more than the page. */
    public static final String ORDER_AND_LIMIT = " order by created_at desc, id desc limit :limit";

    private Keyset() {
    }

    /** The condition "after the cursor", for a table whose tie-breaking key column is {@code idColumn}. */
    public static String after(String idColumn) {
        return "(cast(:afterTs as timestamptz) is null or (created_at, " + idColumn + ") < (:afterTs, :afterId))";
    }

    public static GenericExecuteSpec bind(GenericExecuteSpec spec, PageRequest page) {
        OffsetDateTime afterTs = page.after().map(c -> c.createdAt().atOffset(ZoneOffset.UTC)).orElse(null);
        UUID afterId = page.after().map(Cursor::id).orElse(null);
        return spec.bind("afterTs", Parameter.fromOrEmpty(afterTs, OffsetDateTime.class))
                .bind("afterId", Parameter.fromOrEmpty(afterId, UUID.class))
                .bind("limit", page.fetchSize());
    }
}
