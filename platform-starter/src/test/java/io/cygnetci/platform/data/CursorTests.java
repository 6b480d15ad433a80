package io.cygnetci.platform.data;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.platform.problem.BadRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTests {

    @Test
    void whenEncodedAndDecodedThenMicrosecondsAndIdSurvive() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-23T22:44:39.528879Z"), UUID.randomUUID());
        Cursor decoded = Cursor.decode(cursor.encode());
        assertThat(decoded).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("=").doesNotContain("+").doesNotContain("/");
    }

    @Test
    void whenCursorIsGarbageThenBadRequestNamesTheCursor() {
        assertThatThrownBy(() -> Cursor.decode("not a cursor"))
                .isInstanceOfSatisfying(BadRequestException.class,
                        ex -> assertThat(ex.errors()).extracting("field").containsExactly("cursor"));
        assertThatThrownBy(() -> Cursor.decode("MTIzOm5vdC1hLXV1aWQ"))
                .isInstanceOf(BadRequestException.class);
    }
}
