package io.cygnetci.platform.problem;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An error the API answers on purpose, as RFC 9457 problem+json. The detail is shown to the caller, so it must
 * never name data of a tenant other than the caller's.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;

    protected ApiException(HttpStatus status, String type, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
    }

    public HttpStatus status() {
        return status;
    }

    /** The last segment of the problem type URI, e.g. {@code not-found}. */
    public String type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    /** Extension members of the problem body. */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    /** Response headers that go with the problem (e.g. {@code Retry-After}). */
    public HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }
}
