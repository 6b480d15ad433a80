package io.cygnetci.gateway.web;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

import static org.assertj.core.api.Assertions.assertThat;

class NotTheServicesFaultTests {

    private final NotTheServicesFault hangUps = new NotTheServicesFault();

    @Test
    void whenTheClientsConnectionIsGoneOrTheGatewaysBulkheadIsFullThenTheServiceIsNotBlamed() {
        assertThat(hangUps.test(new AbortedException("Connection has been closed BEFORE send operation"))).isTrue();
        assertThat(hangUps.test(new ClosedChannelException())).isTrue();
        assertThat(hangUps.test(new RuntimeException("wrapped", new ClosedChannelException()))).isTrue();
        assertThat(hangUps.test(BulkheadFullException.createBulkheadFullException(
                io.github.resilience4j.bulkhead.Bulkhead.ofDefaults("route")))).isTrue();
    }

    @Test
    void whenTheServiceFailsThenTheErrorCounts() {
        assertThat(hangUps.test(new ConnectException("Connection refused"))).isFalse();
        assertThat(hangUps.test(new TimeoutException())).isFalse();
        assertThat(hangUps.test(new IOException("boom"))).isFalse();
        assertThat(hangUps.test(new RuntimeException("no cause"))).isFalse();
        assertThat(hangUps.test(PrematureCloseException.TEST_EXCEPTION)).isFalse();
    }
}
