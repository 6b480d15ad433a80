package io.cygnetci.gateway.web;

import java.nio.channels.ClosedChannelException;
import java.util.function.Predicate;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.netty.channel.unix.Errors;
import reactor.netty.channel.AbortedException;

/**
 * The errors that say nothing about a route's service, which its circuit breaker therefore ignores (resilience4j
 * {@code ignore-exception-predicate}): the client hanging up while the answer is on its way, and the gateway's own
 * bulkhead being full (it answers 503 itself). Measured under load: counting them had opened healthy services'
 * breakers and turned the next ten seconds into 503s. A service that refuses or drops connections still counts:
 * Reactor Netty reports those as {@code ConnectException} and {@code PrematureCloseException}.
 */
public class NotTheServicesFault implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof AbortedException || e instanceof ClosedChannelException
                    || e instanceof BulkheadFullException) {
                return true;
            }
            if (e instanceof Errors.NativeIoException io && io.getMessage() != null
                    && (io.getMessage().contains("Connection reset by peer") || io.getMessage().contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }
}
