package io.cygnetci.platform.problem;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** 400: the request is malformed or fails validation; {@code errors} names each invalid field. */
public class BadRequestException extends ApiException {

    private final List<InvalidField> errors;

    public BadRequestException(String detail) {
        this(detail, List.of());
    }

    public BadRequestException(String detail, List<InvalidField> errors) {
        super(HttpStatus.BAD_REQUEST, "validation-error", detail);
        this.errors = List.copyOf(errors);
    }

    public static BadRequestException field(String field, String message) {
        return new BadRequestException("The request is not valid.", List.of(new InvalidField(field, message)));
    }

    public List<InvalidField> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> extensions() {
        return errors.isEmpty() ? Map.of() : Map.of("errors", errors);
    }
}
