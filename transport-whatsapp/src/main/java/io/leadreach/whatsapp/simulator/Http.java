package io.leadreach.whatsapp.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.leadreach.whatsapp.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** What the endpoints share of HTTP: the bearer-token check, Meta-shaped errors (counted), bodies in and out. */
final class Http {

    static final int MAX_JSON_BODY = 1024 * 1024;
    static final int MAX_MEDIA_BODY = 110 * 1024 * 1024;

    private final Traffic traffic;
    /** The token required, or null to accept any. */
    private final String accessToken;

    Http(Traffic traffic, String accessToken) {
        this.traffic = traffic;
        this.accessToken = accessToken;
    }

    void authorize(HttpExchange exchange) throws SimulatorError {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() <= 7) {
            throw new SimulatorError(190, "An access token is required to request this resource.", null);
        }
        if (accessToken != null && !MessageDigest.isEqual(accessToken.getBytes(StandardCharsets.UTF_8),
                header.substring(7).getBytes(StandardCharsets.UTF_8))) {
            throw new SimulatorError(190, "Invalid OAuth access token - Cannot parse access token", null);
        }
    }

    static SimulatorError unknownObject(String id) {
        return new SimulatorError(100, "Unsupported post request. Object with ID '" + id + "' does not exist, cannot be "
                + "loaded due to missing permissions, or does not support this operation.", null);
    }

    /** Answers with Meta's error object for {@code e} (and a {@code Retry-After} if given), counting the refusal. */
    void error(HttpExchange exchange, SimulatorError e, Duration retryAfter) throws IOException {
        traffic.rejected(e.code());
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter.toSeconds()));
        }
        sendJson(exchange, e.httpStatus(), e.body());
    }

    static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, Json.MAPPER.writeValueAsBytes(body));
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The body, or null when it is larger than the limit (the rest is drained). */
    static byte[] read(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return bytes;
        }
    }

    static void drain(HttpExchange exchange, int limit) throws IOException {
        read(exchange, limit);
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }
}
