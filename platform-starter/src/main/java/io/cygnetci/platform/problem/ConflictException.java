package io.cygnetci.platform.problem;

import org.springframework.http.HttpStatus;

/** 409: the request clashes with the current state (a duplicate, a quota, a rule). */
public class ConflictException extends ApiException {

    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, "conflict", detail);
    }

    public ConflictException(String type, String detail) {
        super(HttpStatus.CONFLICT, type, detail);
    }
}
