package io.leadreach.whatsapp.internal;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The module's one Jackson mapper and null-safe reads of untrusted JSON. */
public final class Json {

    /** Thread-safe and shared. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** The parsed tree, or null when the bytes are not JSON. */
    public static JsonNode tryParse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A string or number node's text, or null for anything else (missing, null, object...). */
    public static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asString();
        }
        return null;
    }

    /** Like {@link #text} but null for blank text too. */
    public static String nonBlank(JsonNode node) {
        String s = text(node);
        return s == null || s.isBlank() ? null : s;
    }

    /** The body as text for a log, cut at {@code max} characters. */
    public static String preview(byte[] body, int max) {
        if (body == null || body.length == 0) {
            return "";
        }
        String s = new String(body, 0, Math.min(body.length, max * 4), StandardCharsets.UTF_8);
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
