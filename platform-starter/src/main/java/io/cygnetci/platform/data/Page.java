package io.cygnetci.platform.data;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the cursor of the next page ({@code null} on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from up to {@code request.fetchSize()} rows fetched in list order.
     * @param position the cursor of a row
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, Cursor> position) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, request.limit());
        return new Page<>(List.copyOf(items), position.apply(items.get(items.size() - 1)).encode());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
