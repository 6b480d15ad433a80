package io.cygnetci.monitoring.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 for health checks to reach: {@code /ok} answers 200 "status: ok", {@code /slow}
 * the same after 400 ms, {@code /error} 503, {@code /redirect} 302 to {@code /ok}.
 */
public final class TargetServer implements AutoCloseable {

    private final HttpServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    public TargetServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/ok", exchange -> answer(exchange, 200, "status: ok"));
        // answered 400 ms later from a timer, so a slow answer holds no server thread
        server.createContext("/slow", exchange -> timer.schedule(() -> {
            try {
                answer(exchange, 200, "status: ok");
            }
            catch (IOException ex) {
                exchange.close();
            }
        }, 400, TimeUnit.MILLISECONDS));
        server.createContext("/error", exchange -> answer(exchange, 503, "status: unavailable"));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            answer(exchange, 302, "");
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** A port on 127.0.0.1 where nothing listens. */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
    }
}
