package io.leadreach.jpa.internal;

import io.leadreach.lead.TargetCriteria;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The small JSON the stores keep in text columns: a campaign's {@link TargetCriteria} and a
 * template binding's parameter list. Hand-written so the module needs no JSON library; it reads
 * objects, arrays, strings, numbers, booleans and null, which is all it writes.
 */
public final class JsonText {

    private JsonText() {
    }

    /** The criteria as a JSON object; sets are written sorted, so equal criteria give equal text. */
    public static String writeCriteria(TargetCriteria c) {
        StringBuilder b = new StringBuilder("{");
        b.append("\"statuses\":");
        strings(b, new TreeSet<>(c.statuses()));
        b.append(",\"sources\":");
        strings(b, new TreeSet<>(c.sources()));
        b.append(",\"priorities\":");
        strings(b, new TreeSet<>(c.priorities()));
        b.append(",\"createdFrom\":");
        string(b, c.createdFrom() == null ? null : c.createdFrom().toString());
        b.append(",\"createdTo\":");
        string(b, c.createdTo() == null ? null : c.createdTo().toString());
        b.append(",\"leadIds\":[");
        boolean first = true;
        for (Long id : new TreeSet<>(c.leadIds())) {
            if (!first) {
                b.append(',');
            }
            b.append(id);
            first = false;
        }
        b.append("],\"attributes\":{");
        first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(c.attributes()).entrySet()) {
            if (!first) {
                b.append(',');
            }
            string(b, e.getKey());
            b.append(':');
            string(b, e.getValue());
            first = false;
        }
        return b.append("}}").toString();
    }

    /** Reads what {@link #writeCriteria} wrote; missing parts are empty. */
    public static TargetCriteria readCriteria(String json) {
        Object parsed = new Parser(json).document();
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("target criteria must be a JSON object: " + json);
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (Object o : list(m.get("leadIds"))) {
            ids.add(((BigDecimal) o).longValueExact());
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (m.get("attributes") instanceof Map<?, ?> a) {
            a.forEach((k, v) -> attributes.put((String) k, (String) v));
        }
        return new TargetCriteria(stringSet(m.get("statuses")), stringSet(m.get("sources")),
                stringSet(m.get("priorities")), instant(m.get("createdFrom")), instant(m.get("createdTo")), ids,
                attributes);
    }

    /** A list of strings as a JSON array. */
    public static String writeStrings(List<String> values) {
        StringBuilder b = new StringBuilder();
        strings(b, values);
        return b.toString();
    }

    /** Reads what {@link #writeStrings} wrote. */
    public static List<String> readStrings(String json) {
        List<String> out = new ArrayList<>();
        for (Object o : list(new Parser(json).document())) {
            out.add((String) o);
        }
        return out;
    }

    private static Set<String> stringSet(Object o) {
        Set<String> out = new LinkedHashSet<>();
        for (Object v : list(o)) {
            out.add((String) v);
        }
        return out;
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse((String) o);
    }

    private static void strings(StringBuilder b, Iterable<String> values) {
        b.append('[');
        boolean first = true;
        for (String v : values) {
            if (!first) {
                b.append(',');
            }
            string(b, v);
            first = false;
        }
        b.append(']');
    }

    private static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        b.append('"');
    }

    /** A recursive-descent reader of one JSON value. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            skipSpace();
            if (i != s.length()) {
                throw error("trailing text");
            }
            return v;
        }

        private Object value() {
            skipSpace();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skipSpace();
            if (peek('}')) {
                i++;
                return m;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                m.put(key, value());
                skipSpace();
                if (peek(',')) {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            i++;
            skipSpace();
            if (peek(']')) {
                i++;
                return l;
            }
            while (true) {
                l.add(value());
                skipSpace();
                if (peek(',')) {
                    i++;
                } else {
                    expect(']');
                    return l;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private BigDecimal number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character");
            }
            return new BigDecimal(s.substring(start, i));
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected word");
            }
            i += word.length();
            return v;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + i + " in stored JSON");
        }
    }
}
