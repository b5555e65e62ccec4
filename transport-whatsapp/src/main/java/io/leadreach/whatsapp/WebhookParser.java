package io.leadreach.whatsapp;

import io.leadreach.tracking.ConsentChange;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.TemplateStatusChange;
import io.leadreach.tracking.TrackingEvent;
import io.leadreach.whatsapp.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a Cloud API webhook body into core {@link TrackingEvent}s. Verify the body's signature
 * with {@link WebhookVerifier} first; this class trusts what it is given.
 *
 * <ul>
 *   <li>{@code statuses[]} → {@link DeliveryEvent}: the wamid, {@code biz_opaque_callback_data} as
 *       correlation id, the status ({@link DeliveryStatus#parse}), the timestamp, the recipient
 *       in E.164 form, the first error's code and title/message, and the pricing category.</li>
 *   <li>{@code messages[]} → {@link InboundReply}: text, button payload and text, interactive
 *       button or list reply id and title, media captions, reactions; the context (replied-to)
 *       wamid; the sender's profile name from {@code contacts[]}; the business number written to
 *       from the change's {@code metadata.phone_number_id} (null when absent).</li>
 *   <li>{@code user_preferences[]} (stop or resume marketing) → {@link ConsentChange}.</li>
 *   <li>{@code message_template_status_update} → {@link TemplateStatusChange}.</li>
 * </ul>
 *
 * <p>A batch may hold many entries, changes and events. Unknown event kinds, message types and
 * status words, and events missing what they need, are skipped and counted by
 * {@link IgnoredReason} ({@link #statistics()}); unknown fields are ignored. Only a body that
 * is too large or not a JSON object is an error ({@link WebhookPayloadException}). Thread-safe.
 */
public final class WebhookParser {

    /** Why an event of a valid body was skipped. */
    public enum IgnoredReason {
        /** The body's {@code object} is not {@code whatsapp_business_account}. */
        UNKNOWN_OBJECT,
        /** A change {@code field} this parser does not handle. */
        UNKNOWN_FIELD,
        /** An entry or change that is not shaped as documented. */
        MALFORMED_ENTRY,
        /** A status word core does not know (such as {@code deleted}). */
        UNKNOWN_STATUS,
        /** A status without id, or with an unreadable timestamp. */
        MALFORMED_STATUS,
        /** An inbound message type not handled ({@code unsupported}, {@code system}, new types). */
        UNKNOWN_MESSAGE_TYPE,
        /** An inbound message without sender, id or timestamp. */
        MALFORMED_MESSAGE,
        /** A user preference other than stop/resume of marketing messages. */
        UNKNOWN_PREFERENCE,
        /** A user preference without number or timestamp. */
        MALFORMED_PREFERENCE,
        /** A template status update without name or event. */
        MALFORMED_TEMPLATE_UPDATE,
        /** A top-level {@code errors[]} of a change (Meta reports its own problems there). */
        PROVIDER_ERROR
    }

    /**
     * Counters since the parser was made.
     *
     * @param payloads how many bodies were parsed (refused ones excluded)
     * @param events   how many events were produced
     * @param ignored  how many items were skipped, by reason (every reason present)
     */
    public record Statistics(long payloads, long events, Map<IgnoredReason, Long> ignored) {
        public Statistics {
            ignored = Collections.unmodifiableMap(new EnumMap<>(ignored));
        }

        /** All skipped items. */
        public long ignoredTotal() {
            return ignored.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Skipped items of one reason. */
        public long ignored(IgnoredReason reason) {
            return ignored.getOrDefault(reason, 0L);
        }
    }

    private final int maxBodySize;
    private final Clock clock;
    private final LongAdder payloads = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final Map<IgnoredReason, LongAdder> ignored = new EnumMap<>(IgnoredReason.class);

    /** A parser with the default body limit ({@link CloudApiConfig#DEFAULT_MAX_WEBHOOK_BODY_SIZE}). */
    public WebhookParser() {
        this(CloudApiConfig.DEFAULT_MAX_WEBHOOK_BODY_SIZE, Clock.systemUTC());
    }

    /**
     * A parser.
     *
     * @param maxBodySize the largest body accepted, in bytes
     * @param clock       the time of events that carry none (template updates without an entry time)
     */
    public WebhookParser(int maxBodySize, Clock clock) {
        if (maxBodySize < 1) {
            throw new IllegalArgumentException("maxBodySize must be positive");
        }
        this.maxBodySize = maxBodySize;
        this.clock = Objects.requireNonNull(clock, "clock");
        for (IgnoredReason reason : IgnoredReason.values()) {
            ignored.put(reason, new LongAdder());
        }
    }

    /** A parser with the configuration's body limit. */
    public static WebhookParser of(CloudApiConfig config) {
        return new WebhookParser(config.maxWebhookBodySize(), Clock.systemUTC());
    }

    /** The largest body accepted, in bytes. */
    public int maxBodySize() {
        return maxBodySize;
    }

    /**
     * Reads a request body, refusing one larger than the limit without reading it all.
     *
     * @throws WebhookPayloadException when it is larger than {@link #maxBodySize()}
     */
    public byte[] readBody(InputStream in) throws IOException {
        return readBody(in, -1);
    }

    /**
     * Reads a request body of the length its request declared ({@code Content-Length}; negative
     * when unknown, as for a chunked body). A declared length over the limit is refused before
     * anything is read; a known length is read into an array of that size, with no buffer to grow
     * and copy. A body that ends early is returned as it came (the parser refuses it as invalid JSON).
     *
     * @throws WebhookPayloadException when it is, or says it is, larger than {@link #maxBodySize()}
     */
    public byte[] readBody(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > maxBodySize) {
            throw tooLarge();
        }
        byte[] bytes = in.readNBytes(declaredLength >= 0 ? (int) declaredLength : maxBodySize + 1);
        if (bytes.length > maxBodySize) {
            throw tooLarge();
        }
        return bytes;
    }

    /**
     * The events in a webhook body, in the order they appear.
     *
     * @throws WebhookPayloadException when the body is too large or not a JSON object
     */
    public List<TrackingEvent> parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        if (body.length > maxBodySize) {
            throw tooLarge();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookPayloadException(WebhookPayloadException.Reason.INVALID_JSON,
                    "webhook body is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WebhookPayloadException(WebhookPayloadException.Reason.INVALID_JSON,
                    "webhook body is not a JSON object", null);
        }
        payloads.increment();
        List<TrackingEvent> out = new ArrayList<>();
        if (!"whatsapp_business_account".equals(Json.text(root.path("object")))) {
            ignore(IgnoredReason.UNKNOWN_OBJECT);
            return out;
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray()) {
            ignore(IgnoredReason.MALFORMED_ENTRY);
            return out;
        }
        for (JsonNode entry : entries) {
            JsonNode changes = entry.path("changes");
            if (!changes.isArray()) {
                ignore(IgnoredReason.MALFORMED_ENTRY);
                continue;
            }
            Instant entryTime = seconds(entry.path("time"));
            String entryId = Json.nonBlank(entry.path("id"));
            for (JsonNode change : changes) {
                change(change, entryTime, entryId, out);
            }
        }
        events.add(out.size());
        return out;
    }

    /** The counters so far. */
    public Statistics statistics() {
        Map<IgnoredReason, Long> snapshot = new EnumMap<>(IgnoredReason.class);
        ignored.forEach((reason, adder) -> snapshot.put(reason, adder.sum()));
        return new Statistics(payloads.sum(), events.sum(), snapshot);
    }

    /** One change of an entry; {@code entryId} is the entry's WABA id (null when absent). */
    private void change(JsonNode change, Instant entryTime, String entryId, List<TrackingEvent> out) {
        String field = Json.text(change.path("field"));
        JsonNode value = change.path("value");
        if (field == null || !value.isObject()) {
            ignore(IgnoredReason.MALFORMED_ENTRY);
            return;
        }
        switch (field) {
            case "messages":
            case "user_preferences":
                JsonNode contacts = value.path("contacts");
                String businessNumberId = Json.nonBlank(value.path("metadata").path("phone_number_id"));
                for (JsonNode status : value.path("statuses")) {
                    status(status, out);
                }
                for (JsonNode message : value.path("messages")) {
                    message(message, contacts, businessNumberId, out);
                }
                for (JsonNode preference : value.path("user_preferences")) {
                    preference(preference, out);
                }
                for (JsonNode ignoredError : value.path("errors")) {
                    ignore(IgnoredReason.PROVIDER_ERROR);
                }
                break;
            case "message_template_status_update":
                templateStatus(value, entryTime, entryId, out);
                break;
            default:
                ignore(IgnoredReason.UNKNOWN_FIELD);
        }
    }

    private void status(JsonNode status, List<TrackingEvent> out) {
        String wamid = Json.nonBlank(status.path("id"));
        Instant timestamp = seconds(status.path("timestamp"));
        if (wamid == null || timestamp == null) {
            ignore(IgnoredReason.MALFORMED_STATUS);
            return;
        }
        Optional<DeliveryStatus> parsed = DeliveryStatus.parse(Json.text(status.path("status")));
        if (parsed.isEmpty()) {
            ignore(IgnoredReason.UNKNOWN_STATUS);
            return;
        }
        String errorCode = null;
        String errorMessage = null;
        JsonNode error = status.path("errors").path(0);
        if (error.isObject()) {
            errorCode = Json.nonBlank(error.path("code"));
            errorMessage = join(Json.nonBlank(error.path("title")), Json.nonBlank(error.path("message")),
                    Json.nonBlank(error.path("error_data").path("details")));
        }
        out.add(new DeliveryEvent(wamid, Json.nonBlank(status.path("biz_opaque_callback_data")), parsed.get(),
                timestamp, e164(Json.nonBlank(status.path("recipient_id"))), errorCode, errorMessage,
                Json.nonBlank(status.path("pricing").path("category"))));
    }

    private void message(JsonNode message, JsonNode contacts, String businessNumberId, List<TrackingEvent> out) {
        String from = Json.nonBlank(message.path("from"));
        String id = Json.nonBlank(message.path("id"));
        Instant timestamp = seconds(message.path("timestamp"));
        String type = Json.nonBlank(message.path("type"));
        if (from == null || id == null || timestamp == null || type == null) {
            ignore(IgnoredReason.MALFORMED_MESSAGE);
            return;
        }
        String text = null;
        String payload = null;
        String context = Json.nonBlank(message.path("context").path("id"));
        switch (type) {
            case "text":
                text = Json.text(message.path("text").path("body"));
                break;
            case "button":
                payload = Json.text(message.path("button").path("payload"));
                text = Json.text(message.path("button").path("text"));
                break;
            case "interactive": {
                JsonNode interactive = message.path("interactive");
                JsonNode reply = interactive.path("button_reply");
                if (!reply.isObject()) {
                    reply = interactive.path("list_reply");
                }
                if (reply.isObject()) {
                    payload = Json.text(reply.path("id"));
                    text = Json.text(reply.path("title"));
                }
                break;
            }
            case "image":
            case "video":
            case "document":
                text = Json.text(message.path(type).path("caption"));
                break;
            case "reaction":
                text = Json.text(message.path("reaction").path("emoji"));
                if (context == null) {
                    context = Json.nonBlank(message.path("reaction").path("message_id"));
                }
                break;
            case "audio":
            case "sticker":
            case "location":
            case "contacts":
                break;
            default:
                ignore(IgnoredReason.UNKNOWN_MESSAGE_TYPE);
                return;
        }
        out.add(new InboundReply(e164(from), id, text, payload, context, type, profileName(contacts, from),
                timestamp, businessNumberId));
    }

    private void preference(JsonNode preference, List<TrackingEvent> out) {
        String waId = Json.nonBlank(preference.path("wa_id"));
        Instant timestamp = seconds(preference.path("timestamp"));
        if (waId == null || timestamp == null) {
            ignore(IgnoredReason.MALFORMED_PREFERENCE);
            return;
        }
        String category = Json.nonBlank(preference.path("category"));
        String value = Json.nonBlank(preference.path("value"));
        boolean marketing = category == null || "marketing_messages".equals(category);
        if (!marketing || !("stop".equals(value) || "resume".equals(value))) {
            ignore(IgnoredReason.UNKNOWN_PREFERENCE);
            return;
        }
        out.add(new ConsentChange(e164(waId), "stop".equals(value), "user_preferences", timestamp));
    }

    /** A template status update; the WABA it belongs to is the entry's id (Meta's {@code entry[].id}). */
    private void templateStatus(JsonNode value, Instant entryTime, String wabaId, List<TrackingEvent> out) {
        String name = Json.nonBlank(value.path("message_template_name"));
        String event = Json.nonBlank(value.path("event"));
        if (name == null || event == null) {
            ignore(IgnoredReason.MALFORMED_TEMPLATE_UPDATE);
            return;
        }
        String reason = Json.nonBlank(value.path("reason"));
        if ("NONE".equalsIgnoreCase(reason)) {
            reason = null;
        }
        out.add(new TemplateStatusChange(name, Json.nonBlank(value.path("message_template_language")), event,
                reason, entryTime != null ? entryTime : clock.instant(), wabaId));
    }

    private static String profileName(JsonNode contacts, String from) {
        if (!contacts.isArray() || contacts.isEmpty()) {
            return null;
        }
        for (JsonNode contact : contacts) {
            if (from.equals(Json.text(contact.path("wa_id")))) {
                return Json.nonBlank(contact.path("profile").path("name"));
            }
        }
        return contacts.size() == 1 ? Json.nonBlank(contacts.path(0).path("profile").path("name")) : null;
    }

    private static Instant seconds(JsonNode node) {
        String text = Json.text(node);
        if (text == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(text.trim()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    /** A WhatsApp id as E.164: digits get a leading '+'; anything else (a user id) stays as it is. */
    private static String e164(String waId) {
        if (waId == null) {
            return null;
        }
        if (waId.startsWith("+")) {
            return waId;
        }
        return waId.chars().allMatch(c -> c >= '0' && c <= '9') ? "+" + waId : waId;
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part == null || sb.indexOf(part) >= 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(part);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private void ignore(IgnoredReason reason) {
        ignored.get(reason).increment();
    }

    private WebhookPayloadException tooLarge() {
        return new WebhookPayloadException(WebhookPayloadException.Reason.TOO_LARGE,
                "webhook body larger than " + maxBodySize + " bytes", null);
    }
}
