package io.cygnetci.runner.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/** Says in a few words why the server could not be reached, for the runner's console. */
public final class NetworkErrors {

    private NetworkErrors() {
    }

    public static String describe(IOException ex) {
        if (ex instanceof ConnectException) {
            return "connection refused";
        }
        if (ex instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (ex instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        // the console shows no exception class names: an operator reads it
        return ex.getMessage() == null || ex.getMessage().isBlank() ? "connection failed" : ex.getMessage();
    }
}
