package io.cygnetci.platform.test.jwt;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** Serves {@link TestKeys}' JWKS over real HTTP, for services that fetch keys from a {@code jwk-set-uri}. */
public final class JwksServer implements AutoCloseable {

    private static volatile JwksServer shared;

    private final HttpServer server;

    private JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = TestKeys.jwksJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The JVM's JWKS server, started on first use. */
    public static synchronized JwksServer shared() {
        if (shared == null) {
            shared = new JwksServer();
        }
        return shared;
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
