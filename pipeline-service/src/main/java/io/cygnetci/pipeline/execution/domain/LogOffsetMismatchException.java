package io.cygnetci.pipeline.execution.domain;

import java.util.Map;

import io.cygnetci.platform.problem.ApiException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A log chunk that does not start where the step's log ends (416, as GitLab's trace upload answers). */
public class LogOffsetMismatchException extends ApiException {

    private final long expectedOffset;

    public LogOffsetMismatchException(long expectedOffset) {
        super(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "log-offset-mismatch",
                "The chunk must start at offset " + expectedOffset + ".");
        this.expectedOffset = expectedOffset;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("expected_offset", expectedOffset);
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RANGE, "0-" + expectedOffset);
        return headers;
    }
}
