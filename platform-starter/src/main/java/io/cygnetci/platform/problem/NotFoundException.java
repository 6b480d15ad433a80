package io.cygnetci.platform.problem;

import org.springframework.http.HttpStatus;

/** 404: the object does not exist, or belongs to another tenant (the two are never told apart). */
public class NotFoundException extends ApiException {

    public NotFoundException(String resource) {
        super(HttpStatus.NOT_FOUND, "not-found", "No such " + resource + ".");
    }
}
