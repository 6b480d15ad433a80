package io.cygnetci.platform.security.config;

import java.util.function.Predicate;

/**
 * The firewall's header check (no control characters, no unassigned code points) with a fast path: a value of
 * printable ASCII only passes without running the regular expression, which otherwise ran over every header the
 * request's code read, on every request.
 */
final class FastHeaderPredicate implements Predicate<String> {

    private final Predicate<String> full;

    FastHeaderPredicate(Predicate<String> full) {
        this.full = full;
    }

    @Override
    public boolean test(String value) {
        if (value == null) {
            return full.test(null);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return full.test(value);
            }
        }
        return true;
    }
}
