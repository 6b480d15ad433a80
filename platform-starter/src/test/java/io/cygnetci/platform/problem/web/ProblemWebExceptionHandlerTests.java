package io.cygnetci.platform.problem.web;

import java.net.InetSocketAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.Connection;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ProblemWebExceptionHandlerTests {

    private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(new ProblemExceptionMapper(),
            new ProblemResponseWriter(JsonMapper.builder().build()));

    @Test
    void whenTheClientHasHungUpThenNothingIsWrittenAndTheStatusSaysSo() {
        ServerWebExchange exchange = exchangeOverConnection(true);

        handler.handle(exchange, new IllegalStateException("Connection has been closed BEFORE send operation")).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(499);
        assertThat(exchange.getResponse().isCommitted()).isFalse();
    }

    @Test
    void whenTheClientIsStillThereThenAServerErrorIsAProblem() {
        ServerWebExchange exchange = exchangeOverConnection(false);

        handler.handle(exchange, new IllegalStateException("boom")).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(((MockServerHttpResponse) exchange.getResponse()).getBodyAsString().block())
                .contains("\"status\":500").doesNotContain("boom");
    }

    private static ServerWebExchange exchangeOverConnection(boolean disposed) {
        Connection connection = mock(Connection.class);
        given(connection.isDisposed()).willReturn(disposed);
        return MockServerWebExchange.builder(MockServerHttpRequest.get("/x").build())
                .build().mutate().request(new NettyLikeRequest(connection)).response(new MockServerHttpResponse())
                .build();
    }

    /** A request whose native request is a Reactor Netty connection, as on the real server. */
    private static final class NettyLikeRequest extends AbstractServerHttpRequest {

        private final Connection connection;

        NettyLikeRequest(Connection connection) {
            super(HttpMethod.GET, URI.create("http://localhost/x"), null, new HttpHeaders());
            this.connection = connection;
        }

        @Override
        protected MultiValueMap<String, HttpCookie> initCookies() {
            return new LinkedMultiValueMap<>();
        }

        @Override
        protected SslInfo initSslInfo() {
            return null;
        }

        @Override
        public <T> T getNativeRequest() {
            @SuppressWarnings("unchecked")
            T result = (T) connection;
            return result;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.empty();
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }
    }
}
