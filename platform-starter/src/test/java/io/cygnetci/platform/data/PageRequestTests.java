package io.cygnetci.platform.data;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.InvalidField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTests {

    @Test
    void whenLimitIsMissingThenFifty() {
        PageRequest request = PageRequest.of(null, null);

        assertThat(request.limit()).isEqualTo(50).isEqualTo(PageRequest.DEFAULT_LIMIT);
        assertThat(request.after()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = { 201, 1000, Integer.MAX_VALUE })
    void whenLimitIsAboveTwoHundredThenItIsCapped(int limit) {
        assertThat(PageRequest.of(limit, null).limit()).isEqualTo(200).isEqualTo(PageRequest.MAX_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 7, 50, 200 })
    void whenLimitIsWithinBoundsThenItIsKept(int limit) {
        assertThat(PageRequest.of(limit, null).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, Integer.MIN_VALUE })
    void whenLimitIsBelowOneThenBadRequestNamesTheLimit(int limit) {
        assertThatThrownBy(() -> PageRequest.of(limit, null))
                .isInstanceOfSatisfying(BadRequestException.class, ex -> assertThat(ex.errors())
                        .extracting(InvalidField::field).containsExactly("limit"));
    }

    @Test
    void whenPageIsRequestedThenOneRowMoreThanTheLimitIsFetched() {
        assertThat(PageRequest.of(10, null).fetchSize()).isEqualTo(11);
        assertThat(PageRequest.of(null, null).fetchSize()).isEqualTo(51);
        assertThat(PageRequest.of(500, null).fetchSize()).isEqualTo(201);
    }

    @Test
    void whenCursorIsGivenThenTheRequestStartsAfterIt() {
        Cursor cursor = new Cursor(Instant.parse("2026-01-02T03:04:05.123456Z"), UUID.randomUUID());

        assertThat(PageRequest.of(10, cursor.encode()).after()).contains(cursor);
    }

    @Test
    void whenCursorIsBlankThenTheRequestStartsAtTheTop() {
        assertThat(PageRequest.of(10, "").after()).isEmpty();
        assertThat(PageRequest.of(10, "   ").after()).isEmpty();
    }

    @Test
    void whenCursorIsGarbageThenBadRequestNamesTheCursor() {
        assertThatThrownBy(() -> PageRequest.of(10, "garbage!"))
                .isInstanceOfSatisfying(BadRequestException.class, ex -> assertThat(ex.errors())
                        .extracting(InvalidField::field).containsExactly("cursor"));
    }
}
