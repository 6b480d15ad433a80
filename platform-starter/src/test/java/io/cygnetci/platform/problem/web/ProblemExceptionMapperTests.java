package io.cygnetci.platform.problem.web;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cygnetci.platform.problem.ApiException;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.InvalidField;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.problem.Problem;
import io.cygnetci.platform.problem.TooManyRequestsException;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionMapperTests {

    private static final String SQL = "select * from tenants where id = 'secret-tenant'";

    private final ProblemExceptionMapper mapper = new ProblemExceptionMapper();

    @Test
    void whenNotFoundThen404WithTheNotFoundType() {
        Problem problem = mapper.map(new NotFoundException("pipeline"));

        assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(problem.type()).isEqualTo("not-found");
        assertThat(problem.body("/api/v1/pipelines/1"))
                .containsEntry("type", "https://cygnetci.io/problems/not-found")
                .containsEntry("title", "Not Found")
                .containsEntry("status", 404)
                .containsEntry("detail", "No such pipeline.")
                .containsEntry("instance", "/api/v1/pipelines/1");
    }

    @Test
    void whenBadRequestNamesFieldsThen400WithErrorsExtension() {
        Problem problem = mapper.map(new BadRequestException("The request is not valid.",
                List.of(new InvalidField("slug", "is reserved"))));

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.type()).isEqualTo("validation-error");
        assertThat(problem.extensions()).containsOnlyKeys("errors");
        assertThat(problem.body(null)).containsEntry("errors", List.of(new InvalidField("slug", "is reserved")))
                .doesNotContainKey("instance");
    }

    @Test
    void whenBadRequestNamesNoFieldsThenThereIsNoErrorsExtension() {
        Problem problem = mapper.map(new BadRequestException("The request body is not valid JSON."));

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.body(null)).doesNotContainKey("errors");
    }

    @Test
    void whenForbiddenOrConflictThen403Or409WithTheirTypes() {
        Problem forbidden = mapper.map(new ForbiddenException("You may not do this."));
        assertThat(forbidden.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(forbidden.type()).isEqualTo("forbidden");
        assertThat(forbidden.detail()).isEqualTo("You may not do this.");

        Problem conflict = mapper.map(new ConflictException("The slug is taken."));
        assertThat(conflict.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflict.type()).isEqualTo("conflict");

        Problem typed = mapper.map(new ConflictException("slug-taken", "The slug is taken."));
        assertThat(typed.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(typed.body(null)).containsEntry("type", Problem.TYPE_BASE + "slug-taken")
                .containsEntry("detail", "The slug is taken.");
    }

    @Test
    void whenTooManyRequestsThen429WithRetryAfterHeaderAndExtension() {
        Problem problem = mapper.map(new TooManyRequestsException("Slow down.", Duration.ofMillis(1500)));

        assertThat(problem.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(problem.type()).isEqualTo("too-many-requests");
        assertThat(problem.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(problem.extensions()).isEqualTo(Map.of("retry_after_seconds", 2L));
        assertThat(problem.body(null)).containsEntry("retry_after_seconds", 2L);
    }

    @Test
    void whenRetryAfterIsBelowOneSecondThenItIsRoundedUpToOne() {
        Problem problem = mapper.map(new TooManyRequestsException("Slow down.", Duration.ZERO));

        assertThat(problem.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(problem.extensions()).containsEntry("retry_after_seconds", 1L);
    }

    @Test
    void whenAnApiExceptionOfAnyKindIsMappedThenItKeepsItsOwnStatusTypeAndExtensions() {
        ApiException quota = new ApiException(HttpStatus.PAYMENT_REQUIRED, "quota-exceeded", "The plan's quota is used up.") {
            @Override
            public Map<String, Object> extensions() {
                return Map.of("quota", 10);
            }
        };

        Problem problem = mapper.map(quota);

        assertThat(problem.status()).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
        assertThat(problem.type()).isEqualTo("quota-exceeded");
        assertThat(problem.detail()).isEqualTo("The plan's quota is used up.");
        assertThat(problem.body(null)).containsEntry("quota", 10);
        assertThat(mapper.isServerError(problem)).isFalse();
    }

    @Test
    void whenDataIntegrityIsViolatedThen409WithAGenericDetailWithoutSql() {
        DataIntegrityViolationException violation = new DuplicateKeyException(
                "insert into tenants (slug) values ('acme'); duplicate key value violates unique constraint \"tenants_slug_key\"",
                new SQLException("ERROR: duplicate key value violates unique constraint \"tenants_slug_key\" "
                        + "Detail: Key (slug)=(acme) already exists."));

        Problem problem = mapper.map(violation);

        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.type()).isEqualTo("conflict");
        assertThat(problem.detail()).isEqualTo("The request conflicts with existing data.");
        assertThat(String.valueOf(problem.body(null))).doesNotContain("tenants_slug_key").doesNotContain("acme")
                .doesNotContain("insert").doesNotContain("duplicate key");
    }

    @Test
    void whenAnUnexpectedErrorCarriesInternalsThen500WhoseBodyHidesThem() {
        Problem problem = mapper.map(new RuntimeException("secret SQL " + SQL,
                new IllegalStateException("connection to 10.0.0.7 refused")));

        assertThat(problem.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem.type()).isEqualTo("internal-error");
        assertThat(mapper.isServerError(problem)).isTrue();
        assertThat(problem.detail()).doesNotContain("secret").doesNotContain("select").doesNotContain("10.0.0.7");
        assertThat(String.valueOf(problem.body("/x"))).doesNotContain("secret").doesNotContain("select")
                .doesNotContain("10.0.0.7");
        assertThat(problem.extensions()).isEmpty();
    }

    @Test
    void whenTheDatabaseCannotBeReachedThen503WithRetryAfterAndNoInternals() {
        for (Throwable outage : java.util.List.of(
                new org.springframework.transaction.CannotCreateTransactionException("Could not open R2DBC Connection",
                        new java.net.ConnectException("connection to 10.0.0.7 refused")),
                new org.springframework.dao.DataAccessResourceFailureException("executeMany; SQL [" + SQL
                        + "]; terminating connection due to administrator command"),
                new RuntimeException("wrapped", new java.io.IOException("Connection reset by peer")))) {
            Problem problem = mapper.map(outage);

            assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(problem.type()).isEqualTo("service-unavailable");
            assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("5");
            assertThat(String.valueOf(problem.body("/x"))).doesNotContain("10.0.0.7").doesNotContain("select")
                    .doesNotContain("administrator").contains("retry_after_seconds=5");
        }
    }

    @Test
    void whenTheBodyExceedsTheBufferLimitThen413() {
        DataBufferLimitException limit = new DataBufferLimitException("Exceeded limit on max bytes to buffer : 1048576");

        assertThat(mapper.map(limit).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(mapper.map(limit).type()).isEqualTo("payload-too-large");
    }

    @Test
    void whenTheBufferLimitErrorIsWrappedThenItIsStill413() {
        DataBufferLimitException limit = new DataBufferLimitException("Exceeded limit on max bytes to buffer : 1048576");
        ServerWebInputException input = new ServerWebInputException("Failed to read HTTP message", null, limit);

        Problem wrapped = mapper.map(input);
        Problem wrappedTwice = mapper.map(new IllegalStateException("decoding failed", input));

        assertThat(wrapped.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(wrappedTwice.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(wrapped.detail()).doesNotContain("1048576");
    }

    @Test
    void whenTheMediaTypeIsNotSupportedThen415() {
        Problem problem = mapper.map(new UnsupportedMediaTypeStatusException(MediaType.TEXT_PLAIN,
                List.of(MediaType.APPLICATION_JSON)));

        assertThat(problem.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(problem.type()).isEqualTo("unsupported-media-type");
        assertThat(problem.detail()).contains("application/json");
    }

    @Test
    void whenJavaNamesAreReportedThenTheyAreSnakeCase() {
        assertThat(JsonNames.snakeCase("contactEmail")).isEqualTo("contact_email");
        assertThat(JsonNames.snakeCase("slug")).isEqualTo("slug");
    }
}
