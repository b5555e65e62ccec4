package io.leadreach.whatsapp;

import io.leadreach.template.ProviderTemplate;
import io.leadreach.whatsapp.internal.GraphHttp;
import io.leadreach.whatsapp.internal.Json;
import io.leadreach.whatsapp.internal.Outcomes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.http.NameValuePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Lists the WhatsApp Business Account's message templates
 * ({@code GET /{waba-id}/message_templates?fields=name,status,category,language,components}) and
 * maps each to core's {@link ProviderTemplate}: its body's parameters ({@code {{1}}}-style
 * positional ones are counted, named ones such as {@code {{first_name}}} are listed in order) and
 * its header format.
 *
 * <p>Pages are followed by their {@code paging.cursors.after} cursor (or the {@code after}
 * parameter of {@code paging.next}) until a page has no {@code paging.next}. The {@code next} URL
 * itself is never fetched, so the access token only ever goes to the configured base URL. A page
 * that repeats an earlier cursor would loop forever: the sync stops with a
 * {@link TemplateSyncException} saying so.
 *
 * <p>Get one from {@link CloudApiTransport#templateSync()}; thread-safe.
 */
public final class TemplateSync {

    private static final Logger log = LoggerFactory.getLogger(TemplateSync.class);

    /** Templates asked for per page. */
    public static final int PAGE_SIZE = 100;
    /** The most pages followed before giving up. */
    public static final int MAX_PAGES = 10_000;

    private static final String FIELDS = "name,status,category,language,components";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    private final GraphHttp http;
    private final URI listUri;

    TemplateSync(GraphHttp http, URI listUri) {
        this.http = http;
        this.listUri = listUri;
    }

    /**
     * Every template, following all pages.
     *
     * @throws TemplateSyncException when a page cannot be had or read, or the pages loop
     */
    public List<ProviderTemplate> fetchAll() {
        try {
            return fetchAllAsync().toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TemplateSyncException) {
                throw (TemplateSyncException) e.getCause();
            }
            throw new TemplateSyncException("template sync failed: " + Outcomes.describe(e.getCause()), e.getCause());
        }
    }

    /** Every template, following all pages; the stage fails with a {@link TemplateSyncException}. */
    public CompletionStage<List<ProviderTemplate>> fetchAllAsync() {
        List<ProviderTemplate> all = new ArrayList<>();
        return page(null, 1, new HashSet<>(), all).thenApply(done -> List.copyOf(all));
    }

    private CompletableFuture<Void> page(String after, int number, Set<String> seenCursors, List<ProviderTemplate> all) {
        URI uri;
        try {
            URIBuilder builder = new URIBuilder(listUri).addParameter("fields", FIELDS)
                    .addParameter("limit", String.valueOf(PAGE_SIZE));
            if (after != null) {
                builder.addParameter("after", after);
            }
            uri = builder.build();
        } catch (URISyntaxException e) {
            return CompletableFuture.failedFuture(new TemplateSyncException("cannot build the template list URL", e));
        }
        return http.get(uri).thenCompose(result -> {
            JsonNode json = readPage(result, number);
            JsonNode data = json.path("data");
            if (!data.isArray()) {
                throw new TemplateSyncException("template page " + number + " has no data array");
            }
            for (JsonNode template : data) {
                ProviderTemplate mapped = map(template);
                if (mapped != null) {
                    all.add(mapped);
                }
            }
            JsonNode paging = json.path("paging");
            String next = Json.nonBlank(paging.path("next"));
            if (next == null) {
                return CompletableFuture.completedFuture(null);
            }
            String cursor = Json.nonBlank(paging.path("cursors").path("after"));
            if (cursor == null) {
                cursor = afterParameter(next);
            }
            if (cursor == null) {
                throw new TemplateSyncException("template page " + number + " has paging.next but no after cursor");
            }
            if (!seenCursors.add(cursor)) {
                throw new TemplateSyncException("template pages loop: page " + number
                        + " repeats an earlier cursor; stopped after " + all.size() + " templates");
            }
            if (number >= MAX_PAGES) {
                throw new TemplateSyncException("more than " + MAX_PAGES + " template pages; stopped");
            }
            return page(cursor, number + 1, seenCursors, all);
        });
    }

    private static JsonNode readPage(GraphHttp.Result result, int number) {
        if (result instanceof GraphHttp.Failure) {
            GraphHttp.Failure failure = (GraphHttp.Failure) result;
            throw new TemplateSyncException("template page " + number + " could not be fetched: "
                    + Outcomes.describe(failure.cause()), failure.cause());
        }
        GraphHttp.Response response = (GraphHttp.Response) result;
        JsonNode json = Json.tryParse(response.body());
        if (response.status() < 200 || response.status() >= 300) {
            JsonNode error = json == null ? null : json.path("error");
            String code = error == null ? null : Json.text(error.path("code"));
            throw new TemplateSyncException("template page " + number + " answered HTTP " + response.status()
                    + (code == null ? " with " + Outcomes.describeBody(json, response.body())
                    : " with error " + code + ": " + Outcomes.errorMessage(error)), code);
        }
        if (json == null || !json.isObject()) {
            throw new TemplateSyncException("template page " + number + " is not a JSON object: "
                    + Outcomes.describeBody(json, response.body()));
        }
        return json;
    }

    /** One {@code data[]} entry as a core template, or null (logged) when it lacks name, language or status. */
    static ProviderTemplate map(JsonNode template) {
        String name = Json.nonBlank(template.path("name"));
        String language = Json.nonBlank(template.path("language"));
        String status = Json.nonBlank(template.path("status"));
        if (name == null || language == null || status == null) {
            log.warn("skipping a template without name, language or status: {}", name);
            return null;
        }
        String category = Json.nonBlank(template.path("category"));
        String headerFormat = null;
        String body = null;
        for (JsonNode component : template.path("components")) {
            String type = Json.text(component.path("type"));
            if ("HEADER".equalsIgnoreCase(type)) {
                String format = Json.nonBlank(component.path("format"));
                headerFormat = format == null ? "TEXT" : format.toUpperCase(Locale.ROOT);
            } else if ("BODY".equalsIgnoreCase(type)) {
                body = Json.text(component.path("text"));
            }
        }
        int count = 0;
        List<String> names = List.of();
        if (body != null) {
            Set<String> positional = new LinkedHashSet<>();
            Set<String> named = new LinkedHashSet<>();
            Matcher m = PLACEHOLDER.matcher(body);
            while (m.find()) {
                String key = m.group(1);
                if (key.chars().allMatch(Character::isDigit)) {
                    positional.add(key);
                } else {
                    named.add(key);
                }
            }
            count = positional.size() + named.size();
            names = List.copyOf(named);
        }
        return new ProviderTemplate(name, language, category == null ? null : category.toUpperCase(Locale.ROOT),
                status.toUpperCase(Locale.ROOT), count, names, headerFormat, body);
    }

    private static String afterParameter(String next) {
        try {
            for (NameValuePair pair : new URIBuilder(next).getQueryParams()) {
                if ("after".equals(pair.getName()) && pair.getValue() != null && !pair.getValue().isBlank()) {
                    return pair.getValue();
                }
            }
        } catch (URISyntaxException e) {
            return null;
        }
        return null;
    }
}
