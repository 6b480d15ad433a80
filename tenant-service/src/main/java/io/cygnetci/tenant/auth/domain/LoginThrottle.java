package io.cygnetci.tenant.auth.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.platform.problem.TooManyRequestsException;
import io.cygnetci.tenant.config.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * Refuses logins for an email from a client address after too many failures within a window (429 with
 * {@code Retry-After}); a success clears the count. Kept in memory per replica (ADR 0003).
 */
@Component
public class LoginThrottle {

    private static final int MAX_KEYS = 100_000;

    private record Window(int failures, long startedAt) {
    }

    private final int maxFailures;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public LoginThrottle(AuthProperties properties) {
        this.maxFailures = properties.loginThrottle().maxFailures();
        this.window = properties.loginThrottle().window();
    }

    public void check(String email, String clientAddress) {
        Window current = windows.get(key(email, clientAddress));
        long now = System.nanoTime();
        if (current != null && now - current.startedAt() < window.toNanos() && current.failures() >= maxFailures) {
            Duration retryAfter = Duration.ofNanos(window.toNanos() - (now - current.startedAt()));
            throw new TooManyRequestsException("Too many failed logins; try again later.", retryAfter);
        }
    }

    public void failed(String email, String clientAddress) {
        if (windows.size() > MAX_KEYS) {
            evictExpired();
        }
        long now = System.nanoTime();
        windows.merge(key(email, clientAddress), new Window(1, now), (old, one) ->
                now - old.startedAt() >= window.toNanos() ? one : new Window(old.failures() + 1, old.startedAt()));
    }

    public void succeeded(String email, String clientAddress) {
        windows.remove(key(email, clientAddress));
    }

    private void evictExpired() {
        long now = System.nanoTime();
        windows.values().removeIf(w -> now - w.startedAt() >= window.toNanos());
    }

    private static String key(String email, String clientAddress) {
        return email.trim().toLowerCase(Locale.ROOT) + "|" + (clientAddress == null ? "?" : clientAddress);
    }
}
