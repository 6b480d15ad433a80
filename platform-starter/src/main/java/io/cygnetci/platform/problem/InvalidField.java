package io.cygnetci.platform.problem;

/** One invalid field of a request, named as the client sent it (snake_case JSON name or parameter). */
public record InvalidField(String field, String message) {
}
