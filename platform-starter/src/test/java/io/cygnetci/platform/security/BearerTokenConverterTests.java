package io.cygnetci.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenConverterTests {

    @Test
    void whenTheHeaderCarriesABearerTokenThenTheTokenIsRead() {
        assertThat(BearerTokenConverter.token("Bearer eyJ.a-b_c~d+e/f.g==")).isEqualTo("eyJ.a-b_c~d+e/f.g==");
        assertThat(BearerTokenConverter.token("bearer abc")).isEqualTo("abc");
        assertThat(BearerTokenConverter.token("BEARER abc=")).isEqualTo("abc=");
    }

    @Test
    void whenTheHeaderIsAbsentOrAnotherSchemeThenThereIsNoToken() {
        assertThat(BearerTokenConverter.token(null)).isNull();
        assertThat(BearerTokenConverter.token("Basic dXNlcjpwYXNz")).isNull();
        assertThat(BearerTokenConverter.token("Token cygreg_abc")).isNull();
        assertThat(BearerTokenConverter.token("Bear")).isNull();
    }

    @Test
    void whenTheBearerTokenIsMalformedThenItIsRefusedAsSpringSecurityDoes() {
        for (String header : new String[] { "Bearer ", "Bearer  abc", "Bearer abc def", "Bearer a=b", "Bearer ab\"c",
                "Bearer abc\t", "Bearer =" }) {
            assertThatThrownBy(() -> BearerTokenConverter.token(header)).as(header)
                    .isInstanceOf(InvalidBearerTokenException.class);
        }
    }
}
