package io.cygnetci.runner.api;

/** An error answer of the server: its status and the problem's detail. */
public class ServerAnswer extends Exception {

    private final int status;

    public ServerAnswer(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Worth retrying later: the server or something in front of it is having a moment. */
    public boolean transientFailure() {
        return status == 429 || status >= 500;
    }
}
