package io.cygnetci.platform.security.config;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import static org.assertj.core.api.Assertions.assertThat;

class FastHeaderPredicateTests {

    private final FastHeaderPredicate values = new FastHeaderPredicate(
            StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES);

    @Test
    void whenAValueIsPlainAsciiOrAbsentThenItPassesAsWithTheStrictFirewall() {
        for (String value : new String[] { null, "", "Bearer eyJ.abc", "text/html, */*; q=0.8", "ümlaut é" }) {
            assertThat(values.test(value)).as(value)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value)).isTrue();
        }
    }

    @Test
    void whenAValueHasControlCharactersThenItIsRefusedAsWithTheStrictFirewall() {
        for (String value : new String[] { "a\nb", "a\rb", "nul\u0000", "del\u007f", "c1\u0085" }) {
            assertThat(values.test(value)).as(value).isFalse();
            assertThat(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value)).as(value).isFalse();
        }
    }
}
