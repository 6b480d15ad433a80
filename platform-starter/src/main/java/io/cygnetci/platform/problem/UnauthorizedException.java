package io.cygnetci.platform.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** 401: the credential presented is missing, unknown, expired or revoked (which one is never told). */
public class UnauthorizedException extends ApiException {

    private final String scheme;

    /** @param scheme the authentication scheme the caller should use, e.g. {@code Bearer} or {@code Token} */
    public UnauthorizedException(String scheme, String detail) {
        super(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
        this.scheme = scheme;
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, scheme);
        return headers;
    }
}
