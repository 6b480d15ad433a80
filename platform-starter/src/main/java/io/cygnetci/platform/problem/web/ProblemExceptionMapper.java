package io.cygnetci.platform.problem.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cygnetci.platform.problem.ApiException;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.InvalidField;
import io.cygnetci.platform.problem.Problem;
import io.cygnetci.platform.tenancy.MissingTenantContextException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Turns any exception into a {@link Problem}. Only {@link ApiException}s carry their own detail; everything
 * else gets a fixed, generic detail, so no SQL, stack trace or another tenant's data can leak.
 */
public class ProblemExceptionMapper {

    private static final String UNAVAILABLE_RETRY_AFTER_SECONDS = "5";

    public Problem map(Throwable error) {
        if (error instanceof ApiException api) {
            return Problem.of(api);
        }
        if (error instanceof WebExchangeBindException bind) {
            return validation(bind.getFieldErrors().stream()
                    .map(f -> new InvalidField(JsonNames.snakeCase(f.getField()), message(f)))
                    .toList());
        }
        if (error instanceof HandlerMethodValidationException validation) {
            List<InvalidField> fields = validation.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream()
                            .map(e -> new InvalidField(JsonNames.snakeCase(result.getMethodParameter().getParameterName()),
                                    e.getDefaultMessage())))
                    .toList();
            return validation(fields);
        }
        Throwable limit = find(error, DataBufferLimitException.class);
        if (limit != null) {
            return Problem.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request body is too large.");
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Send the request body as application/json.");
        }
        if (error instanceof NotAcceptableStatusException) {
            return Problem.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "This resource answers application/json.");
        }
        if (error instanceof MethodNotAllowedException) {
            return Problem.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "This method is not allowed here.");
        }
        if (error instanceof MissingRequestValueException missing) {
            return validation(List.of(new InvalidField(JsonNames.snakeCase(missing.getName()), "is required")));
        }
        if (error instanceof ServerWebInputException input) {
            return input(input);
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            code = code == null ? HttpStatus.INTERNAL_SERVER_ERROR : code;
            return code == HttpStatus.NOT_FOUND
                    ? Problem.of(code, "not-found", "No such resource.")
                    : Problem.of(code, code.name().toLowerCase().replace('_', '-'), code.getReasonPhrase() + ".");
        }
        if (error instanceof AuthenticationException) {
            return Problem.of(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required.");
        }
        if (error instanceof AccessDeniedException) {
            return Problem.of(HttpStatus.FORBIDDEN, "forbidden", "You may not do this.");
        }
        if (isUnavailableDependency(error)) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, UNAVAILABLE_RETRY_AFTER_SECONDS);
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "The service cannot reach what it needs for this request right now. Retry shortly.",
                    Map.of("retry_after_seconds", Integer.parseInt(UNAVAILABLE_RETRY_AFTER_SECONDS)), headers);
        }
        if (error instanceof DataIntegrityViolationException) {
            return Problem.of(HttpStatus.CONFLICT, "conflict", "The request conflicts with existing data.");
        }
        if (error instanceof MissingTenantContextException) {
            return Problem.of(HttpStatus.FORBIDDEN, "tenant-required", "This request needs a tenant.");
        }
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "An unexpected error occurred. It has been logged.");
    }

    /**
     * The database (or another resource the request needs) cannot be reached or dropped the connection: a condition
     * that passes, so 503 with {@code Retry-After}, not a 500 that would read as a bug.
     */
    private static boolean isUnavailableDependency(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof R2dbcNonTransientResourceException || t instanceof R2dbcTransientResourceException
                    || t instanceof java.net.ConnectException || t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    public boolean isServerError(Problem problem) {
        return problem.status().is5xxServerError();
    }

    private static Problem validation(List<InvalidField> fields) {
        return Problem.of(new BadRequestException("The request is not valid.", fields));
    }

    private static Problem input(ServerWebInputException input) {
        UnrecognizedPropertyException unknown = find(input, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return validation(List.of(new InvalidField(path(unknown), "is not a known field")));
        }
        JacksonException json = find(input, JacksonException.class);
        if (json != null) {
            String path = path(json);
            return path.isEmpty()
                    ? Problem.of(new BadRequestException("The request body is not valid JSON."))
                    : validation(List.of(new InvalidField(path, "has the wrong type or format")));
        }
        if (find(input, DecodingException.class) != null || input.getMethodParameter() == null) {
            return Problem.of(new BadRequestException("The request body could not be read."));
        }
        String name = input.getMethodParameter().getParameterName();
        return validation(List.of(new InvalidField(JsonNames.snakeCase(name == null ? "parameter" : name),
                "has the wrong type or format")));
    }

    private static String path(JacksonException json) {
        List<String> parts = new ArrayList<>();
        for (JacksonException.Reference ref : json.getPath()) {
            parts.add(ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]");
        }
        return parts.stream().collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage();
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
