package io.leadreach.template;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.codes.CommentCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.codes.WriteCode;
import com.github.mustachejava.reflect.MapObjectHandler;
import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders message templates written with {@code {name}}-style variables, on Mustache.java with
 * <code>{</code> and <code>}</code> as delimiters. Thread-safe.
 *
 * <pre>{@code
 * TemplateRenderer renderer = TemplateRenderer.forVariables(Set.of("name", "product_interest"));
 * CompiledTemplate t = renderer.compile("Hi {name}{#product_interest}, about {product_interest}{/product_interest}!");
 * renderer.render(t, Map.of("name", "Alex", "product_interest", "solar panels"));
 * // "Hi Alex, about solar panels!"
 * }</pre>
 *
 * <h2>What a body may contain</h2>
 * <ul>
 *   <li>{@code {name}} inserts a value. Values are plain text: inserted exactly as given, never
 *       HTML-escaped (a WhatsApp message is not HTML). {@code {&name}} means the same;
 *       {@code {{name}}} (the WhatsApp and Mustache habit) is a syntax error.</li>
 *   <li>{@code {#name}...{/name}} shows its content when the value is present, and
 *       {@code {^name}...{/name}} when it is absent. Sections are conditionals, not loops.</li>
 *   <li>{@code {!comment}} is dropped. {@code {=<% %>=}} switches delimiters for the rest of the
 *       body, which is how to write a literal brace.</li>
 *   <li>Every variable must be one of the renderer's known variables; {@link #compile(String)}
 *       refuses any other (code {@value #UNKNOWN_VARIABLE}), so a typo such as {@code {nme}} is
 *       caught when a template is saved, not when a campaign runs. Unbalanced sections, unclosed
 *       tags and the Mustache features a message has no use for (partials {@code {>x}},
 *       inheritance {@code {<x}}, {@code {$x}}) are refused with code {@value #SYNTAX}.</li>
 * </ul>
 *
 * <h2>Values</h2>
 * {@link #render(CompiledTemplate, Map)} turns each value into text with {@code toString()}
 * ({@link Optional} is unwrapped, {@link Boolean} kept for sections). A missing or {@code null}
 * value renders as the empty string; missing, {@code null}, empty and {@code false} values hide a
 * {@code {#section}}. Values are only ever looked up in the map: no method of a value is called.
 *
 * <h2>Caching</h2>
 * Compiled templates are cached by body in a bounded Caffeine cache
 * ({@link #DEFAULT_MAX_CACHED_TEMPLATES} by default), so rendering the same body for every
 * recipient of a campaign parses it once.
 */
public final class TemplateRenderer {

    /** The default bound on cached compiled templates. */
    public static final int DEFAULT_MAX_CACHED_TEMPLATES = 1_000;

    /** The field every refusal names. */
    public static final String FIELD = "body";
    /** The body uses a variable the renderer does not know. */
    public static final String UNKNOWN_VARIABLE = "unknown_variable";
    /** The body cannot be parsed, or uses a tag that is not supported. */
    public static final String SYNTAX = "syntax";

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final String TEMPLATE_NAME = "message template";
    private static final Pattern LOCATION = Pattern.compile("\\s*@\\[[^\\]]*:(\\d+)]\\s*$");
    private static final Pattern NOT_CLOSED = Pattern.compile("Failed to close '(.*)' tag");
    private static final Pattern MISMATCH = Pattern.compile("Mismatched start/end tags: (.*) != (.*) in .*");

    private final Set<String> knownVariables;
    private final DefaultMustacheFactory factory;
    private final Cache<String, CompiledTemplate> cache;
    private final LongAdder compilations = new LongAdder();

    private TemplateRenderer(Set<String> knownVariables, int maxCachedTemplates) {
        for (String name : knownVariables) {
            if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a usable variable name: " + name);
            }
        }
        if (maxCachedTemplates < 0) {
            throw new IllegalArgumentException("maxCachedTemplates must not be negative: " + maxCachedTemplates);
        }
        this.knownVariables = Collections.unmodifiableSet(new TreeSet<>(knownVariables));
        this.factory = new PlainTextMustacheFactory();
        // Maintenance (eviction) on the calling thread: cheap at this size, and no pool thread needed.
        this.cache = Caffeine.newBuilder().maximumSize(maxCachedTemplates).executor(Runnable::run).build();
    }

    /** A renderer that accepts exactly these variable names. */
    public static TemplateRenderer forVariables(Set<String> knownVariables) {
        return forVariables(knownVariables, DEFAULT_MAX_CACHED_TEMPLATES);
    }

    /** A renderer that accepts exactly these variable names and caches up to {@code maxCachedTemplates} bodies. */
    public static TemplateRenderer forVariables(Set<String> knownVariables, int maxCachedTemplates) {
        return new TemplateRenderer(Objects.requireNonNull(knownVariables, "knownVariables"), maxCachedTemplates);
    }

    /** The variable names templates may use (sorted). */
    public Set<String> knownVariables() {
        return knownVariables;
    }

    /**
     * The variables a body uses, known or not, in order of first use.
     *
     * @throws ValidationException code {@value #SYNTAX} if the body cannot be parsed
     */
    public Set<String> variables(String body) {
        Objects.requireNonNull(body, "body");
        CompiledTemplate cached = cache.getIfPresent(body);
        if (cached != null) {
            return cached.variables();
        }
        return Collections.unmodifiableSet(collectVariables(parse(body)));
    }

    /**
     * Parses a body and checks that it uses only known variables; cached by body.
     *
     * @throws ValidationException on field {@value #FIELD}: one error with code
     *                             {@value #UNKNOWN_VARIABLE} per unknown variable, or one with code
     *                             {@value #SYNTAX}
     */
    public CompiledTemplate compile(String body) {
        Objects.requireNonNull(body, "body");
        return cache.get(body, this::compileUncached);
    }

    /**
     * Renders a compiled template with these values (see the class comment for how values are
     * treated). Values for names the template does not use are ignored.
     */
    public String render(CompiledTemplate template, Map<String, ?> values) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(values, "values");
        StringWriter out = new StringWriter(template.body().length() + 64);
        template.mustache().execute(out, plainText(values));
        return out.toString();
    }

    /** Compiles (or takes from the cache) and renders; see {@link #compile(String)}. */
    public String render(String body, Map<String, ?> values) {
        return render(compile(body), values);
    }

    /** How many bodies have been parsed by {@link #compile(String)}; for tests of the cache. */
    long compilations() {
        return compilations.sum();
    }

    private CompiledTemplate compileUncached(String body) {
        compilations.increment();
        // Mustache.java's parser drops a carriage return that no line feed follows; line breaks
        // are normalised to \n (what WhatsApp shows as a line break) so no character is lost.
        Mustache mustache = parse(body.replace("\r\n", "\n").replace('\r', '\n'));
        Set<String> used = collectVariables(mustache);
        List<FieldError> errors = new ArrayList<>();
        for (String name : used) {
            if (!knownVariables.contains(name)) {
                errors.add(new FieldError(FIELD, UNKNOWN_VARIABLE, unknownMessage(name)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new CompiledTemplate(body, Collections.unmodifiableSet(used), mustache);
    }

    private Mustache parse(String body) {
        try {
            return factory.compile(new StringReader(body), TEMPLATE_NAME, "{", "}");
        } catch (MustacheException e) {
            throw syntax(describe(e));
        } catch (RuntimeException e) {
            // Mustache.java reports some malformed tags (such as "{{name}}") as index errors.
            throw syntax(body.contains("{{")
                    ? "the template cannot be parsed: write variables as {name}, not {{name}}"
                    : "the template cannot be parsed; check that every { has a matching }");
        }
    }

    private static Set<String> collectVariables(Mustache mustache) {
        Set<String> names = new LinkedHashSet<>();
        collect(mustache.getCodes(), names);
        return names;
    }

    private static void collect(Code[] codes, Set<String> names) {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            if (code instanceof ValueCode || code instanceof IterableCode) { // IterableCode includes inverted sections
                String name = code.getName() == null ? "" : code.getName().strip();
                if (name.isEmpty()) {
                    throw syntax("a tag has no variable name: write {name}");
                }
                names.add(name);
                collect(code.getCodes(), names);
            } else if (code instanceof WriteCode || code instanceof CommentCode || code.getName() == null) {
                collect(code.getCodes(), names);
            } else {
                throw syntax("only {name}, {#name}...{/name}, {^name}...{/name} and {!comment} tags are supported"
                        + " (found another kind of tag for '" + code.getName() + "')");
            }
        }
    }

    private String unknownMessage(String name) {
        StringBuilder message = new StringBuilder("unknown variable {").append(name).append('}');
        closest(name).ifPresent(suggestion -> message.append("; did you mean {").append(suggestion).append("}?"));
        return message.append(" Known variables: ").append(String.join(", ", knownVariables)).toString();
    }

    private Optional<String> closest(String name) {
        String best = null;
        int bestDistance = 3;
        for (String known : knownVariables) {
            int distance = editDistance(name.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The values as Mustache sees them: a view that converts each value only when the template asks for it. */
    private static Map<String, Object> plainText(Map<String, ?> values) {
        return new PlainTextView(values);
    }

    /** Optionals unwrapped, booleans kept (for sections), everything else as text; null values absent. */
    private static Object plain(Object value) {
        Object plain = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        return plain == null || plain instanceof Boolean ? plain : plain.toString();
    }

    /** A read-only view; Mustache's map handler only calls {@code containsKey} and {@code get}. */
    private static final class PlainTextView extends java.util.AbstractMap<String, Object> {
        private final Map<String, ?> values;

        PlainTextView(Map<String, ?> values) {
            this.values = values;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Object get(Object key) {
            return key == null ? null : plain(values.get(key));
        }

        @Override
        public java.util.Set<Map.Entry<String, Object>> entrySet() {
            Map<String, Object> copy = new HashMap<>();
            values.forEach((name, value) -> {
                Object p = plain(value);
                if (name != null && p != null) {
                    copy.put(name, p);
                }
            });
            return java.util.Collections.unmodifiableMap(copy).entrySet();
        }
    }

    /** A sentence for a person from Mustache.java's parser message. */
    private static String describe(MustacheException e) {
        if (e instanceof MustacheNotFoundException) {
            return "partials and template inheritance are not supported";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        String where = "";
        Matcher location = LOCATION.matcher(message);
        if (location.find()) {
            where = " (line " + location.group(1) + ")";
            message = message.substring(0, location.start());
        }
        Matcher m;
        if ((m = NOT_CLOSED.matcher(message)).matches()) {
            message = "the section {#" + m.group(1) + "} is never closed with {/" + m.group(1) + "}";
        } else if ((m = MISMATCH.matcher(message)).matches()) {
            message = "null".equals(m.group(1))
                    ? "{/" + m.group(2) + "} closes a section that was never opened"
                    : "{/" + m.group(2) + "} does not match the open section {#" + m.group(1) + "}";
        } else if (message.startsWith("Improperly closed variable")) {
            message = "a { is never closed with }";
        } else if (message.startsWith("Empty mustache")) {
            message = "a tag has no variable name: write {name}";
        } else if (message.startsWith("partials")) {
            return message;
        } else {
            message = "the template cannot be parsed: " + message;
        }
        return message + where;
    }

    private static ValidationException syntax(String message) {
        return new ValidationException(FIELD, SYNTAX, message);
    }

    /** Mustache.java configured for plain text: no escaping, values from maps only, no partials. */
    private static final class PlainTextMustacheFactory extends DefaultMustacheFactory {

        PlainTextMustacheFactory() {
            setObjectHandler(new MapObjectHandler());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheException("partials and template inheritance are not supported");
        }
    }
}
