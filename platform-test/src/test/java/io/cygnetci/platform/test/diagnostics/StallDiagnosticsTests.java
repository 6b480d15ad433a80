package io.cygnetci.platform.test.diagnostics;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StallDiagnosticsTests {

    @Test
    void whenABlockingReadTimedOutThenItIsAStall() {
        IllegalStateException blocked = new IllegalStateException(
                "Timeout on blocking read for 30000000000 NANOSECONDS", new TimeoutException("Timeout on blocking read"));
        assertThat(StallDiagnostics.isStall(blocked)).isTrue();
        assertThat(StallDiagnostics.isStall(new AssertionError("wrapped", blocked))).isTrue();
    }

    @Test
    void whenATestFailsOtherwiseThenItIsNoStall() {
        assertThat(StallDiagnostics.isStall(new AssertionError("Status expected:<200 OK> but was:<404>"))).isFalse();
        assertThat(StallDiagnostics.isStall(new IllegalStateException((String) null))).isFalse();
    }
}
