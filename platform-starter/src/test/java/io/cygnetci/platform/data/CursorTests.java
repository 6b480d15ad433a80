package io.cygnetci.platform.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.InvalidField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTests {

    @Test
    void whenEncodedAndDecodedThenMicrosecondsAndIdSurvive() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-23T22:44:39.528879Z"), UUID.randomUUID());

        Cursor decoded = Cursor.decode(cursor.encode());

        assertThat(decoded).isEqualTo(cursor);
        assertThat(decoded.createdAt().getNano()).isEqualTo(528_879_000);
    }

    @Test
    void whenTwoRowsDifferByOneMicrosecondThenTheirCursorsDiffer() {
        UUID id = UUID.randomUUID();
        Instant earlier = Instant.parse("2026-11-23T22:44:39.000001Z");
        Instant later = earlier.plusNanos(1_000);

        assertThat(new Cursor(earlier, id).encode()).isNotEqualTo(new Cursor(later, id).encode());
        assertThat(Cursor.decode(new Cursor(later, id).encode()).createdAt()).isEqualTo(later);
    }

    @Test
    void whenInstantHasNanosecondsThenTheCursorKeepsPostgresMicrosecondPrecision() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-23T22:44:39.528879999Z"), UUID.randomUUID());

        assertThat(Cursor.decode(cursor.encode()).createdAt()).isEqualTo(Instant.parse("2026-11-23T22:44:39.528879Z"));
    }

    @Test
    void whenEncodedThenTheCursorIsUrlSafeWithoutPadding() {
        for (int i = 0; i < 50; i++) {
            String encoded = new Cursor(Instant.now(), UUID.randomUUID()).encode();
            assertThat(encoded).matches("[A-Za-z0-9_-]+");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "not a cursor", "", "%%%", "MTIzOm5vdC1hLXV1aWQ" /* 123:not-a-uuid */ })
    void whenCursorIsGarbageThenBadRequestNamesTheCursor(String garbage) {
        assertThatThrownBy(() -> Cursor.decode(garbage))
                .isInstanceOfSatisfying(BadRequestException.class, ex -> assertThat(ex.errors())
                        .extracting(InvalidField::field).containsExactly("cursor"));
    }

    @Test
    void whenCursorHasNoSeparatorOrNoTimestampThenBadRequest() {
        String noColon = base64(UUID.randomUUID().toString());
        String noTimestamp = base64("yesterday:" + UUID.randomUUID());

        assertThatThrownBy(() -> Cursor.decode(noColon)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Cursor.decode(noTimestamp)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void whenCursorIsRejectedThenTheMessageDoesNotEchoTheInput() {
        String garbage = base64("select * from tenants:" + UUID.randomUUID());

        assertThatThrownBy(() -> Cursor.decode(garbage))
                .isInstanceOfSatisfying(BadRequestException.class, ex -> {
                    assertThat(ex.getMessage()).doesNotContain("select");
                    assertThat(ex.errors()).extracting(InvalidField::message)
                            .noneMatch(message -> message.contains("select"));
                });
    }

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
