package io.leadreach.whatsapp.internal;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/**
 * The business phone number ids ({@code entry[].changes[].value.metadata.phone_number_id}) and
 * WhatsApp Business Account ids ({@code entry[].id}) a webhook body names, read before its
 * signature is checked. The body is not trusted yet: it is streamed once (no tree is built),
 * under Jackson's read constraints, and at most {@code maxIds} distinct ids of each kind are kept.
 * A key that appears twice is read twice, so every value it had is named.
 *
 * @param phoneNumberIds the phone number ids named, in order of appearance (blank ones left out)
 * @param wabaIds        the WABA ids named, in order of appearance (blank ones left out)
 */
public record WebhookIds(Set<String> phoneNumberIds, Set<String> wabaIds) {

    private static final String[] PHONE_NUMBER_ID = {"phone_number_id", "metadata", "value", null, "changes", null,
        "entry"};
    private static final String[] WABA_ID = {"id", null, "entry"};

    public WebhookIds {
        phoneNumberIds = Collections.unmodifiableSet(new LinkedHashSet<>(phoneNumberIds));
        wabaIds = Collections.unmodifiableSet(new LinkedHashSet<>(wabaIds));
    }

    /**
     * Reads the ids of a body.
     *
     * @throws IllegalArgumentException when the body is not one JSON object, breaks Jackson's read
     *                                  constraints, or names more than {@code maxIds} ids of a kind
     */
    public static WebhookIds scan(byte[] body, int maxIds) {
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> wabas = new LinkedHashSet<>();
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the body is not a JSON object");
            }
            JsonToken token;
            boolean closed = false;
            while (!closed && (token = parser.nextToken()) != null) {
                if (parser.streamReadContext().inRoot()) {
                    closed = true; // the root object's end
                    continue;
                }
                if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
                    continue;
                }
                TokenStreamContext context = parser.streamReadContext();
                if (at(context, PHONE_NUMBER_ID)) {
                    add(numbers, parser.getString(), maxIds, "phone number ids");
                } else if (at(context, WABA_ID)) {
                    add(wabas, parser.getString(), maxIds, "WABA ids");
                }
            }
            if (!closed) {
                throw new IllegalArgumentException("the body's JSON object is not closed");
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("the body has content after its JSON object");
            }
        } catch (JacksonException e) {
            // Jackson's message quotes the body: keep the untrusted text out of messages and logs.
            throw new IllegalArgumentException("the body is not valid JSON", e);
        }
        return new WebhookIds(numbers, wabas);
    }

    /** Whether the value just read sits at this path (innermost name first, null for an array) under the root. */
    private static boolean at(TokenStreamContext context, String[] path) {
        TokenStreamContext c = context;
        for (String name : path) {
            if (c == null) {
                return false;
            }
            if (name == null ? !c.inArray() : !c.inObject() || !name.equals(c.currentName())) {
                return false;
            }
            c = c.getParent();
        }
        return c != null && c.inRoot();
    }

    private static void add(Set<String> ids, String id, int maxIds, String what) {
        if (id == null || id.isBlank()) {
            return;
        }
        if (ids.add(id.strip()) && ids.size() > maxIds) {
            throw new IllegalArgumentException("the body names more than " + maxIds + " " + what);
        }
    }
}
