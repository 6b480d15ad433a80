package io.cygnetci.platform.data;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.problem.BadRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTests {

    @Test
    void whenLimitIsMissingThenFiftyAndWhenTooLargeThenCapped() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(50);
        assertThat(PageRequest.of(1000, null).limit()).isEqualTo(200);
        assertThat(PageRequest.of(10, "").after()).isEmpty();
        assertThat(PageRequest.of(10, null).fetchSize()).isEqualTo(11);
    }

    @Test
    void whenLimitIsBelowOneThenBadRequestNamesTheLimit() {
        assertThatThrownBy(() -> PageRequest.of(0, null))
                .isInstanceOfSatisfying(BadRequestException.class,
                        ex -> assertThat(ex.errors()).extracting("field").containsExactly("limit"));
    }

    @Test
    void whenMoreRowsThanTheLimitThenPageEndsWithACursorToItsLastItem() {
        PageRequest request = PageRequest.of(2, null);
        List<Cursor> rows = List.of(row(3), row(2), row(1));
        Page<Cursor> page = Page.of(rows, request, c -> c);
        assertThat(page.items()).containsExactly(rows.get(0), rows.get(1));
        assertThat(Cursor.decode(page.nextCursor())).isEqualTo(rows.get(1));
        assertThat(Page.of(rows.subList(0, 2), request, c -> c).nextCursor()).isNull();
    }

    private static Cursor row(int second) {
        return new Cursor(Instant.ofEpochSecond(1_700_000_000L + second), UUID.randomUUID());
    }
}
