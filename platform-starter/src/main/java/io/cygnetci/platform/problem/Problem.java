package io.cygnetci.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An RFC 9457 problem ready to write: status, type, detail, extension members and extra headers.
 */
public record Problem(HttpStatus status, String type, String detail, Map<String, Object> extensions,
        HttpHeaders headers) {

    public static final String TYPE_BASE = "https://cygnetci.io/problems/";

    public static Problem of(HttpStatus status, String type, String detail) {
        return new Problem(status, type, detail, Map.of(), HttpHeaders.EMPTY);
    }

    public static Problem of(ApiException ex) {
        return new Problem(ex.status(), ex.type(), ex.detail(), ex.extensions(), ex.headers());
    }

    /** The JSON members of the body, in RFC order. */
    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extensions);
        return body;
    }
}
