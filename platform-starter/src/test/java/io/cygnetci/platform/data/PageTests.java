package io.cygnetci.platform.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageTests {

    /** A row as a list query returns it, newest first. */
    record Row(String name, Instant createdAt, UUID id) {

        Cursor position() {
            return new Cursor(createdAt, id);
        }
    }

    @Test
    void whenOneRowMoreThanTheLimitIsFetchedThenThePageEndsWithACursorToItsLastItem() {
        PageRequest request = PageRequest.of(2, null);
        List<Row> rows = rows(3);

        Page<Row> page = Page.of(rows, request, Row::position);

        assertThat(page.items()).containsExactly(rows.get(0), rows.get(1));
        assertThat(page.nextCursor()).isNotNull();
        assertThat(Cursor.decode(page.nextCursor())).isEqualTo(rows.get(1).position());
    }

    @Test
    void whenExactlyTheLimitIsFetchedThenThereIsNoNextCursor() {
        List<Row> rows = rows(2);

        Page<Row> page = Page.of(rows, PageRequest.of(2, null), Row::position);

        assertThat(page.items()).containsExactlyElementsOf(rows);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void whenFewerRowsThanTheLimitOrNoneAreFetchedThenThereIsNoNextCursor() {
        assertThat(Page.of(rows(1), PageRequest.of(5, null), Row::position).nextCursor()).isNull();
        Page<Row> empty = Page.of(List.of(), PageRequest.of(5, null), Row::position);
        assertThat(empty.items()).isEmpty();
        assertThat(empty.nextCursor()).isNull();
    }

    @Test
    void whenTheNextCursorIsUsedThenTheNextRequestStartsAfterTheLastItemShown() {
        List<Row> rows = rows(4);
        Page<Row> first = Page.of(rows, PageRequest.of(3, null), Row::position);

        PageRequest next = PageRequest.of(3, first.nextCursor());

        assertThat(next.after()).contains(rows.get(2).position());
    }

    @Test
    void whenAPageIsMappedThenTheItemsChangeAndTheCursorStays() {
        Page<Row> page = Page.of(rows(3), PageRequest.of(2, null), Row::position);

        Page<String> names = page.map(Row::name);

        assertThat(names.items()).containsExactly("row-0", "row-1");
        assertThat(names.nextCursor()).isEqualTo(page.nextCursor());
    }

    @Test
    void whenThePageIsCutThenItDoesNotExposeTheFetchedList() {
        List<Row> rows = new ArrayList<>(rows(3));
        Page<Row> page = Page.of(rows, PageRequest.of(2, null), Row::position);

        rows.clear();

        assertThat(page.items()).hasSize(2);
    }

    private static List<Row> rows(int count) {
        List<Row> rows = new ArrayList<>();
        Instant newest = Instant.parse("2026-11-23T12:00:00.000001Z");
        for (int i = 0; i < count; i++) {
            rows.add(new Row("row-" + i, newest.minusMillis(i), UUID.randomUUID()));
        }
        return List.copyOf(rows);
    }
}
