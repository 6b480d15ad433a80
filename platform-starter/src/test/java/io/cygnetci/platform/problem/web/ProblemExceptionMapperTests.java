package io.cygnetci.platform.problem.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.InvalidField;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.problem.Problem;
import io.cygnetci.platform.problem.TooManyRequestsException;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionMapperTests {

    private final ProblemExceptionMapper mapper = new ProblemExceptionMapper();

    @Test
    void whenApiExceptionsAreMappedThenTheyKeepStatusTypeAndExtensions() {
        Problem notFound = mapper.map(new NotFoundException("tenant"));
        assertThat(notFound.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(notFound.body("/x")).containsEntry("type", Problem.TYPE_BASE + "not-found")
                .containsEntry("detail", "No such tenant.").containsEntry("instance", "/x");

        Problem invalid = mapper.map(new BadRequestException("bad", List.of(new InvalidField("slug", "is reserved"))));
        assertThat(invalid.body(null)).containsEntry("errors", List.of(new InvalidField("slug", "is reserved")))
                .doesNotContainKey("instance");

        Problem limited = mapper.map(new TooManyRequestsException("slow down", Duration.ofMillis(1500)));
        assertThat(limited.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(limited.headers().getFirst("Retry-After")).isEqualTo("2");
        assertThat(limited.extensions()).isEqualTo(Map.of("retry_after_seconds", 2L));

        assertThat(mapper.map(new ConflictException("slug-taken", "taken")).type()).isEqualTo("slug-taken");
    }

    @Test
    void whenAnUnexpectedErrorCarriesInternalsThenTheProblemHidesThem() {
        Problem problem = mapper.map(new IllegalStateException("select * from tenants where id = 'secret'"));
        assertThat(problem.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem.detail()).doesNotContain("select").doesNotContain("secret");
        assertThat(mapper.isServerError(problem)).isTrue();

        Problem conflict = mapper.map(new DataIntegrityViolationException("duplicate key value violates \"users_email\""));
        assertThat(conflict.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflict.detail()).doesNotContain("users_email");
    }

    @Test
    void whenBodiesAreTooLargeOrOfTheWrongMediaTypeThen413And415() {
        Problem tooLarge = mapper.map(new ServerWebInputException("read failed", null,
                new DataBufferLimitException("Exceeded limit on max bytes to buffer")));
        assertThat(tooLarge.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        Problem media = mapper.map(new UnsupportedMediaTypeStatusException(MediaType.TEXT_PLAIN,
                List.of(MediaType.APPLICATION_JSON)));
        assertThat(media.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void whenJavaNamesAreReportedThenTheyAreSnakeCase() {
        assertThat(JsonNames.snakeCase("contactEmail")).isEqualTo("contact_email");
        assertThat(JsonNames.snakeCase("slug")).isEqualTo("slug");
    }
}
