package org.ascolto.localinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local stand-in for a send endpoint of Meta's Graph API, {@code POST /v21.0/{node-id}/messages} with a bearer token
 * and a JSON body: a channel's stand-in checks the body and answers Meta's documented bodies.
 */
public abstract class GraphStandIn implements QuarkusTestResourceLifecycleManager {

    /** How many requests a stand-in keeps for tests to read: a long local run keeps the latest only. */
    private static final int KEPT = 10_000;

    private HttpServer server;

    /** The property the service reads the Graph API's base URL from. */
    protected abstract String baseUrlProperty();

    protected abstract void handle(HttpExchange exchange) throws IOException;

    @Override
    public Map<String, String> start() {
        listen(0);
        return Map.of(baseUrlProperty(), baseUrl());
    }

    /** Answers on {@code port} of 127.0.0.1 (0: a free one). */
    public void listen(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The Graph API base URL, with its version, that this stand-in answers at once started. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0";
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    /** Keeps {@code request} among the latest {@link #KEPT}; the caller synchronizes every use of {@code requests}. */
    protected static <T> void keep(Deque<T> requests, T request) {
        if (requests.size() == KEPT) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    /** What is wrong with a request's method, path (already matched), bearer token and content type; empty when nothing. */
    protected static List<String> envelopeViolations(HttpExchange exchange, Matcher path, String token) {
        List<String> violations = new ArrayList<>();
        if (!path.matches()) {
            violations.add("path " + exchange.getRequestURI().getPath());
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            violations.add("method " + exchange.getRequestMethod());
        }
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            violations.add("authorization " + exchange.getRequestHeaders().getFirst("Authorization"));
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            violations.add("content type " + contentType);
        }
        return violations;
    }

    /** Meta's error object, as the Graph API answers a refused request. */
    protected static String error(int code, int subcode, String errorData) {
        return "{\"error\":{\"message\":\"(#" + code + ") scripted\",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode == 0 ? "" : ",\"error_subcode\":" + subcode) + errorData + ",\"fbtrace_id\":\"AbCdEf123\"}}";
    }

    protected static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
