package io.cygnetci.pipeline.job.web;

import io.cygnetci.platform.problem.ApiException;

import org.springframework.http.HttpStatus;

/** A log chunk larger than one upload may carry: the runner sends it in smaller pieces. */
class ChunkTooLargeException extends ApiException {

    ChunkTooLargeException(long max) {
        super(HttpStatus.CONTENT_TOO_LARGE, "chunk-too-large", "A log chunk may carry at most " + max + " bytes.");
    }
}
