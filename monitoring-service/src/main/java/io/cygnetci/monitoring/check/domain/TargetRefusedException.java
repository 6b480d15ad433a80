package io.cygnetci.monitoring.check.domain;

/** A health check's target that checks may not reach, or that does not resolve. */
public class TargetRefusedException extends RuntimeException {

    public TargetRefusedException(String message) {
        super(message, null, false, false);
    }
}
