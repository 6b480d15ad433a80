package io.cygnetci.platform.data;

import java.util.Optional;

import io.cygnetci.platform.problem.BadRequestException;

/** {@code ?limit=&cursor=}: limit defaults to 50 and is capped at 200. */
public record PageRequest(int limit, Optional<Cursor> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1) {
            throw BadRequestException.field("limit", "must be at least 1");
        }
        Optional<Cursor> after = cursor == null || cursor.isBlank() ? Optional.empty() : Optional.of(Cursor.decode(cursor));
        return new PageRequest(Math.min(size, MAX_LIMIT), after);
    }

    /** Rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
